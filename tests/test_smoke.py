def test_seeded_position(seeded):
    answer = seeded.json("position", "Keir Starmer", "--topic", "rwanda-scheme", "--on", "2024-08-01")
    assert answer["stance"] == "oppose"
