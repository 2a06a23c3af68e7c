#!/usr/bin/env python3
"""The pandas peer of `beredskap subjects analyze`: the same checks,
normalisation and de-duplication, vectorised where pandas can.

subjects_pandas.py FILE.csv  -> prints the figures as JSON

- header in bokmål or English, `,` or `;` from the header line, BOM stripped
- e-mail: syntax check, case-folded; phone: E.164 with +47 default;
  national id: 11 digits; categories split on | , or space; language nb/en
- people: rows sharing any key are one person (connected components by
  repeated min-label propagation over the three keys), categories united
"""
import json
import sys

import numpy as np
import pandas as pd

COLUMNS = {
    "navn": "name", "name": "name", "epost": "email", "email": "email", "telefon": "phone", "mobil": "phone",
    "phone": "phone", "fødselsnummer": "national_id", "nationalid": "national_id", "kategorier": "categories",
    "categories": "categories", "språk": "language", "language": "language",
}
CATS = ["technical", "identity", "contact", "national_id", "credentials", "financial", "documents",
        "communications", "location", "behavioural", "special", "criminal"]
LANGS = {"", "nb", "no", "nob", "nn", "norsk", "bokmål", "bokmal", "norwegian", "en", "eng", "english", "engelsk"}
EMAIL = r"^[^\s@,;\"]{1,64}@(?:[^\W_](?:[\w-]{0,61}[^\W_])?\.)+[^\W\d_]{2,63}$"


def main(path):
    with open(path, "rb") as f:
        first = f.readline().decode("utf-8-sig")
    sep = ";" if first.count(";") > first.count(",") else ","
    df = pd.read_csv(path, sep=sep, dtype=str, keep_default_na=False, encoding="utf-8-sig")
    df.columns = [COLUMNS.get(c.lower().replace(" ", "").replace("-", "").replace("_", ""), c) for c in df.columns]
    for c in ["name", "email", "phone", "national_id", "categories", "language"]:
        if c not in df:
            df[c] = ""
        df[c] = df[c].str.strip()
    n = len(df)
    email = df["email"].str.lower()
    bad_email = (email != "") & ~email.str.match(EMAIL)
    digits = df["phone"].str.replace(r"[\s\-.()]", "", regex=True)
    intl = digits.str.startswith("+") | digits.str.startswith("00")
    core = digits.str.replace(r"^(\+|00)", "", regex=True)
    phone = np.where(
        digits == "", "",
        np.where(intl & core.str.fullmatch(r"[1-9]\d{7,14}"), "+" + core,
                 np.where(core.str.fullmatch(r"\d{8}"), "+47" + core,
                          np.where(core.str.fullmatch(r"47\d{8}"), "+" + core, "!"))))
    phone = pd.Series(phone, index=df.index)
    bad_phone = phone == "!"
    nid = df["national_id"].str.replace(" ", "", regex=False)
    bad_nid = (nid != "") & ~nid.str.fullmatch(r"\d{11}")
    cats = df["categories"].str.lower().str.replace(r"[|,\s]+", "|", regex=True).str.strip("|")
    exploded = cats.str.split("|").explode()
    bad_cat_rows = exploded[(exploded != "") & ~exploded.isin(CATS)].index.unique()
    bad_cat = pd.Series(False, index=df.index)
    bad_cat[bad_cat_rows] = True
    bad_lang = ~df["language"].str.lower().isin(LANGS)
    empty = (df["name"] == "") & (email == "") & (phone == "") & (nid == "")
    bad = bad_email | bad_phone | bad_nid | bad_cat | bad_lang | empty
    errors = [{"line": int(i) + 2} for i in np.flatnonzero(bad.to_numpy())[:100]]
    ok = ~bad
    v = pd.DataFrame({"email": email[ok], "phone": phone[ok], "nid": nid[ok], "cats": cats[ok]}).reset_index(drop=True)
    label = pd.Series(np.arange(len(v)), index=v.index)
    keys = [v[k].where(v[k] != "") for k in ["email", "phone", "nid"]]
    while True:
        before = label.copy()
        for key in keys:
            has = key.notna()
            m = label[has].groupby(key[has]).transform("min")
            label[has] = np.minimum(label[has], m)
        label = label.to_numpy()
        label = pd.Series(label[label])  # pointer jumping
        if label.equals(before):
            break
    v["person"] = label
    per = v.assign(cat=v["cats"].str.split("|")).explode("cat")
    per = per[per["cat"] != ""].groupby("cat")["person"].nunique()
    g = pd.DataFrame({"has_email": v["email"] != "", "has_phone": v["phone"] != "", "person": v["person"]})
    g = g.groupby("person")[["has_email", "has_phone"]].any()
    print(json.dumps({
        "rows_read": n, "valid_rows": int(ok.sum()), "invalid_rows": int(bad.sum()),
        "people": int(v["person"].nunique()),
        "people_per_category": {c: int(per[c]) for c in CATS if c in per},
        "without_contact": int((~g["has_email"] & ~g["has_phone"]).sum()),
        "without_email": int((~g["has_email"]).sum()), "errors": errors,
    }))


if __name__ == "__main__":
    main(sys.argv[1])
