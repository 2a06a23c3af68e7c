#!/usr/bin/env python3
"""Generates a list of affected persons for the subjects benchmark and tests.

make_subjects.py N OUT [--sep ;] [--bad-line K]

Fake names, example.org e-mails in mixed case, phones with and without +47
and spaces, checksum-invalid 11-digit national ids (never a real person),
categories from the assessment contract. About a fifth of the rows repeat a
person already written, sharing one key (e-mail, phone or national id) with
them in a different spelling, so de-duplication has work to do.
--bad-line K makes the row on line K carry an invalid e-mail address.
"""
import random
import sys

FIRST = ["Kari", "Ola", "Per", "Anne", "Nils", "Ingrid", "Lars", "Marit", "Jonas", "Sofie", "Emma", "Noah", "Åse", "Øyvind"]
LAST = ["Nordmann", "Hansen", "Johansen", "Olsen", "Larsen", "Andersen", "Pedersen", "Nilsen", "Kristiansen", "Bø", "Ødegård"]
CATS = ["contact", "identity", "national_id", "financial", "credentials", "behavioural", "location", "special"]


def invalid_nid(rng):
    d = [rng.randrange(10) for _ in range(9)]
    w = [3, 7, 6, 1, 8, 9, 4, 5, 2]
    k1 = 11 - sum(a * b for a, b in zip(d, w)) % 11
    k1 = 0 if k1 == 11 else k1
    d10 = (k1 + 1) % 10 if k1 <= 9 else rng.randrange(10)  # never the right check digit
    return "".join(map(str, d)) + str(d10) + str(rng.randrange(10))


def phone_text(rng, digits):
    style = rng.randrange(4)
    if style == 0:
        return digits
    if style == 1:
        return "+47" + digits
    if style == 2:
        return "+47 " + digits[:3] + " " + digits[3:5] + " " + digits[5:]
    return digits[:3] + " " + digits[3:5] + " " + digits[5:]


def mixed_case(rng, s):
    return "".join(c.upper() if rng.random() < 0.3 else c for c in s)


def main():
    args = sys.argv[1:]
    sep = ","
    bad_line = None
    if "--sep" in args:
        i = args.index("--sep")
        sep = args[i + 1]
        del args[i : i + 2]
    if "--bad-line" in args:
        i = args.index("--bad-line")
        bad_line = int(args[i + 1])
        del args[i : i + 2]
    n, out = int(args[0]), args[1]
    rng = random.Random(20261124)
    people = []
    with open(out, "w", encoding="utf-8", newline="") as f:
        f.write(sep.join(["navn", "e-post", "telefon", "fødselsnummer", "kategorier", "språk"]) + "\r\n")
        for i in range(n):
            line = i + 2
            if people and rng.random() < 0.2:
                name, email, phone, nid = rng.choice(people)
                which = rng.choice([k for k, v in enumerate([email, phone, nid]) if v])
                email = mixed_case(rng, email) if which == 0 else ""
                phone = phone if which == 1 else ""
                nid = nid if which == 2 else ""
            else:
                name = rng.choice(FIRST) + " " + rng.choice(LAST)
                local = name.split()[0].lower().replace("å", "aa").replace("ø", "o").replace("æ", "ae")
                email = f"{local}.{i}@example.org" if rng.random() < 0.85 else ""
                phone = str(rng.choice([4, 9])) + "".join(str(rng.randrange(10)) for _ in range(7)) if rng.random() < 0.7 else ""
                nid = invalid_nid(rng) if rng.random() < 0.5 else ""
                if not (email or phone or nid):
                    nid = invalid_nid(rng)
                people.append((name, email, phone, nid))
                if len(people) > 200_000:
                    people.pop(rng.randrange(len(people)))
                email = mixed_case(rng, email) if email else ""
            if line == bad_line:
                email = "ikke-en-adresse"
            cats = "|".join(sorted(rng.sample(CATS, rng.randrange(1, 4))))
            if sep == "," and "|" in cats and rng.random() < 0.1:
                cats = '"' + cats.replace("|", ", ") + '"'
            lang = rng.choice(["nb", "nb", "nb", "en", "", "Norsk", "English"])
            f.write(sep.join([name, email, phone_text(rng, phone) if phone else "", nid, cats, lang]) + "\r\n")


if __name__ == "__main__":
    main()
