"""Reference data: HS 2022, ISIC Rev.4 and regions, with titles in ru, kk, zh, en."""
