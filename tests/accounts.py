"""Who is who among the demo accounts (``load_demo``), for the permission tests of every app.

The "own" club is Cao Xanh: its leader and secretary are its board.
"""

OWN_BOARD = ["leader-cao-xanh", "secretary-cao-xanh"]
OTHER_CLUB_LEADER = "leader-hung-thang"
# Staff who see no club's personal data.
NO_CLUB_DATA = ["communicator", "campaigns"]
# Accounts that see no at-risk person of the own club.
NO_CASES = [*NO_CLUB_DATA, OTHER_CLUB_LEADER]
