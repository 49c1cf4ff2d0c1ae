"""Synthetic registrations: realistic, deterministic, offline. For tests, examples and benchmarks only.

The rows look like a registration system's export (Indico's headings, which are meetplan's default columns):
names from many regions and in several scripts, titles, invented e-mail addresses on the reserved ``.example``
domain and invented telephone numbers (which meetplan must never publish), and a requested participation. The
same configuration, count and seed give the same bytes.

    python -m meetplan.synthetic config/wgsom-2020.yaml --count 450 --seed 2020 > registrations.csv
"""

from __future__ import annotations

import csv
import io
import random
import re
import unicodedata
from collections.abc import Iterator
from pathlib import Path

from meetplan.model import Delegation, DelegationCategory, east_asian

HEADINGS = ("First Name", "Last Name", "Position", "Affiliation", "Email", "Phone", "Participation", "Name in Latin script")

# Name pools: (given names, family names), each a space-separated list; "_" stands for a space inside a name.
# Several pools write names in their own script, as people type them into a registration form.
POOLS: dict[str, tuple[str, str]] = {
    "arabic": ("Ahmed Fatima Omar Layla Youssef Mariam Khaled Nour Hassan Amal Tarek Salma Karim Huda Walid Rania",
               "Al-Mansouri El-Sayed Haddad Khalil Nasser Saleh Abdallah Farouk Al-Hashimi Bensalah Mahmoud Qasim"),
    "arabic_script": ("أحمد فاطمة عمر ليلى يوسف مريم خالد نور حسن أمل",
                      "المنصوري السيد حداد خليل ناصر صالح عبدالله فاروق"),
    "chinese": ("伟 芳 娜 敏 静 丽 强 磊 洋 艳 勇 军 杰 娟 涛 明", "王 李 张 刘 陈 杨 黄 赵 吴 周 徐 孙 马 朱 胡 郭"),
    "chinese_latin": ("Wei Fang Na Min Jing Li Qiang Lei Yang Yan Yong Jun Jie Juan Tao Ming",
                      "Wang Li Zhang Liu Chen Yang Huang Zhao Wu Zhou Xu Sun Ma Zhu Hu Guo"),
    "japanese": ("Haruto Yui Sota Aoi Ren Hina Yuto Sakura Kenji Yuki Takeshi Emi", "Sato Suzuki Takahashi Tanaka Watanabe Ito Yamamoto Nakamura Kobayashi Kato"),
    "japanese_script": ("翔太 陽菜 蓮 結衣 大輔 美咲 健二 由紀", "佐藤 鈴木 高橋 田中 渡辺 伊藤 山本 中村"),
    "korean": ("Min-jun Seo-yeon Ji-hoon Ha-eun Do-yoon Soo-ah Jae-won Eun-ji", "Kim Lee Park Choi Jung Kang Cho Yoon Jang Lim"),
    "korean_script": ("민준 서연 지훈 하은 도윤 수아 재원 은지", "김 이 박 최 정 강 조 윤"),
    "russian": ("Алексей Мария Дмитрий Елена Сергей Ольга Андрей Наталья Иван Татьяна Михаил Анна",
                "Иванов Смирнова Кузнецов Попова Соколов Лебедева Козлов Новикова Морозов Волкова"),
    "russian_latin": ("Aleksei Maria Dmitrii Elena Sergei Olga Andrei Natalia Ivan Tatiana Mikhail Anna",
                      "Ivanov Smirnova Kuznetsov Popova Sokolov Lebedeva Kozlov Novikova Morozov Volkova"),
    "ukrainian": ("Олександр Оксана Андрій Ірина Богдан Наталія Тарас Юлія", "Шевченко Коваленко Бондаренко Ткаченко Кравченко Мельник Олійник"),
    "central_asian": ("Aibek Aigerim Nursultan Gulnara Bakyt Dinara Rustam Madina Serdar Aynur", "Abdyldaev Nurlanova Toktogulov Saparova Orazov Berdiyeva Karimov Yusupova"),
    "greek": ("Γιώργος Μαρία Νίκος Ελένη Κώστας Αικατερίνη Δημήτρης Σοφία", "Παπαδόπουλος Νικολάου Γεωργίου Οικονόμου Κωνσταντίνου Αντωνίου"),
    "turkish": ("Mehmet Ayşe Mustafa Fatma Emre Zeynep Burak Elif Çağlar Gülşen Ömer Şule", "Yılmaz Kaya Demir Şahin Çelik Öztürk Aydın Arslan Doğan Kılıç"),
    "persian": ("Reza Maryam Ali Zahra Hossein Fatemeh Mohammad Narges Ahmad Shabnam", "Hosseini Ahmadi Karimi Rahimi Moradi Mohammadi Rezaei Sadeghi Popal Wardak"),
    "hindi": ("Arjun Priya Rahul Ananya Vikram Sunita Amit Kavita Rajesh Deepa", "Sharma Patel Singh Gupta Iyer Reddy Nair Das Thapa Shrestha"),
    "devanagari": ("अर्जुन प्रिया राहुल अनन्या विक्रम सुनीता", "शर्मा पटेल सिंह गुप्ता"),
    "bengali": ("Rahim Nasrin Karim Farhana Tanvir Sharmin", "Hossain Rahman Chowdhury Ahmed Islam Begum"),
    "thai": ("สมชาย สุดา ประเสริฐ วิไล Somchai Suda Nattapong Kanya", "ศรีสุข วงศ์ไทย Srisuk Wongthai Chaiyaporn Rattanakul"),
    "southeast_asian": ("Budi Siti Agus Dewi Ahmad Nurul Thant Aye Hnin Kyaw Wei_Ling Farid", "Santoso Wijaya Rahman Abdullah Ismail Tan Lim Oo Win Aung Hakim"),
    "hebrew": ("Noam Tamar Yosef Noa Daniel Maya David Shira", "Cohen Levi Mizrahi Peretz Biton Friedman"),
    "spanish": ("José María Carlos Lucía Juan Ana Luis Carmen Jorge Valentina Andrés Sofía Ramón Inés",
                "García Rodríguez Martínez López González Pérez Sánchez Ramírez Torres Flores Núñez Ibáñez"),
    "portuguese": ("João Maria Pedro Ana Tiago Beatriz Luís Mariana Gonçalo Inês", "Silva Santos Oliveira Souza Pereira Costa Conceição Magalhães"),
    "french": ("Jean Marie Pierre Sophie Luc Camille François Élodie Benoît Hélène", "Martin Bernard Dubois Lefèvre Moreau Laurent Girard Rousseau"),
    "german": ("Andreas Anna Stefan Julia Thomas Katharina Jürgen Birgit Lukas Lena", "Müller Schmidt Schneider Fischer Weber Wagner Hofer Gruber Köhler"),
    "dutch": ("Jan Sanne Pieter Femke Bram Lotte Willem Eva", "de_Vries Jansen van_den_Berg Bakker Visser Smit de_Jong"),
    "italian": ("Giuseppe Giulia Marco Francesca Luca Chiara Paolo Federica", "Rossi Russo Ferrari Esposito Bianchi Romano Colombo Ricci"),
    "nordic": ("Lars Ingrid Erik Sigrid Magnus Astrid Olav Kari", "Hansen Johansson Nilsen Andersson Larsen Lindqvist Sørensen Åberg"),
    "polish": ("Piotr Anna Krzysztof Agnieszka Tomasz Małgorzata Paweł Ewa", "Nowak Kowalski Wiśniewska Wójcik Kamiński Lewandowska Zieliński"),
    "central_european": ("Jiří Jana Petr Zuzana Martin Lucia Andrej Mária Luka Ana Ivan Mirela", "Novák Svobodová Horváth Kováčová Novak Horvat Kovačić Popescu Ionescu Dimitrov Petrova"),
    "baltic_caucasus": ("Jānis Līga Andris Ilze Armen Anahit Tigran Lilit Elvin Aysel Rashad Gunel", "Bērziņš Kalniņa Ozols Sargsyan Hakobyan Grigoryan Aliyev Mammadova Huseynov"),
    "english": ("James Sarah Michael Emily David Jessica Robert Olivia William Grace Thomas Charlotte",
                "Smith Johnson Williams Brown Jones Taylor Wilson Thompson O'Brien MacDonald Clarke Walker"),
    "west_african": ("Chukwuemeka Ngozi Oluwaseun Adaeze Ibrahim Aisha Kwame Ama Mamadou Fatoumata", "Okafor Adeyemi Nwosu Bello Mensah Diallo Traoré Ouédraogo Abubakar"),
    "east_african": ("Juma Amina Baraka Neema Jean-Claude Aline Tesfaye Meron", "Mwangi Otieno Njoroge Niyonzima Ndayishimiye Bekele Hailu"),
    "southern_african": ("Thabo Nomvula Sipho Lerato Tendai Chipo Sibusiso Thandiwe Armando Graça", "Nkosi Dlamini Mokoena Ndlovu Shikongo Nghidinwa Machava Cossa"),
    "caribbean": ("Andre Keisha Marlon Shanice Dwayne Tamika", "Rolle Knowles Ferguson Thompson Campbell Williams"),
    "pacific": ("Aroha Tane Mere Wiremu Sione Losa", "Ngata Parata Tuilagi Fifita Walker Henare"),
}

# Which pools a delegation's names come from (ISO 3166 alpha-3 codes); others by regional group.
_COUNTRY_POOLS: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("DZA BHR EGY IRQ JOR KWT LBN LBY MRT MAR OMN QAT SAU SOM SDN SYR TUN ARE YEM PSE DJI COM", ("arabic", "arabic", "arabic_script")),
    ("RUS BLR KAZ", ("russian", "russian_latin")),
    ("KGZ TKM UZB TJK", ("central_asian", "russian")),
    ("GRC CYP", ("greek", "english")),
    ("TUR AZE", ("turkish", "baltic_caucasus")),
    ("IRN AFG", ("persian",)),
    ("IND NPL", ("hindi", "hindi", "devanagari")),
    ("IDN MYS SGP MMR PHL VNM BRN", ("southeast_asian",)),
    ("BRA PRT AGO MOZ CPV GNB STP TLS", ("portuguese",)),
    ("FRA BEL LUX MCO", ("french", "dutch")),
    ("DEU AUT CHE LIE", ("german", "french", "italian")),
    ("NLD", ("dutch",)),
    ("ITA MLT SMR VAT", ("italian",)),
    ("NOR SWE DNK FIN ISL", ("nordic",)),
    ("CZE SVK SVN HRV SRB BIH MNE MKD ROU BGR HUN MDA ALB", ("central_european",)),
    ("LVA LTU EST ARM GEO", ("baltic_caucasus",)),
    ("USA CAN GBR IRL AUS", ("english",)),
    ("NZL FJI SAM TON", ("pacific", "english")),
    ("BHS JAM BRB TTO GUY", ("caribbean",)),
    ("NGA GHA SEN MLI BFA CIV NER GIN", ("west_african",)),
    ("KEN TZA UGA RWA BDI ETH", ("east_african",)),
    ("NAM SWZ ZWE ZMB BWA LSO MWI", ("southern_african",)),
    ("CHN", ("chinese", "chinese_latin")),
    ("JPN", ("japanese", "japanese", "japanese_script")),
    ("KOR", ("korean", "korean", "korean_script")),
    ("PRK", ("korean", "korean_script")),
    ("UKR", ("ukrainian", "russian_latin")),
    ("BGD", ("bengali",)),
    ("THA", ("thai",)),
    ("ISR", ("hebrew", "english")),
    ("POL", ("polish",)),
    ("ZAF", ("southern_african", "english")),
)
BY_COUNTRY: dict[str, tuple[str, ...]] = {code: pools for codes, pools in _COUNTRY_POOLS for code in codes.split()}
BY_GROUP: dict[str | None, tuple[str, ...]] = {
    "African States": ("west_african", "east_african", "southern_african", "french"),
    "Asia-Pacific States": ("southeast_asian", "hindi", "arabic"),
    "Eastern European States": ("central_european", "russian_latin", "polish"),
    "Latin American and Caribbean States": ("spanish",),
    "Western European and other States": ("english", "french", "german", "italian"),
}
INTERNATIONAL = tuple(POOLS)  # organizations recruit everywhere

TITLES: dict[DelegationCategory, tuple[str, ...]] = {
    DelegationCategory.PARTY: (
        "Ambassador, Permanent Representative", "Deputy Permanent Representative", "Minister Counsellor", "Counsellor",
        "First Secretary", "Second Secretary", "Third Secretary", "Attaché", "Legal Adviser, Ministry of Foreign Affairs",
        "Public Prosecutor", "Judge", "Chief Superintendent, Border Police", "Head of Unit, Ministry of the Interior",
        "Senior Inspector, Migration Service", "Director, Department for International Cooperation", "Expert",
    ),
    DelegationCategory.ORGANIZATION: ("Programme Officer", "Legal Officer", "Senior Policy Adviser", "Liaison Officer", "Head of Office", "Associate Expert", "Crime Prevention and Criminal Justice Officer"),
    DelegationCategory.PERMANENT_OBSERVER: ("Permanent Observer", "Deputy Permanent Observer", "Adviser"),
    DelegationCategory.NGO: ("Executive Director", "Researcher", "Advocacy Officer", "Legal Counsel", "Board Member"),
}
TITLES[DelegationCategory.SIGNATORY] = TITLES[DelegationCategory.NON_PARTY] = TITLES[DelegationCategory.PARTY]

# Relative size of a delegation and the share of its delegates who ask for a seat in the room, by category.
WEIGHT = {DelegationCategory.PARTY: 6.0, DelegationCategory.SIGNATORY: 3.0, DelegationCategory.NON_PARTY: 3.0,
          DelegationCategory.ORGANIZATION: 2.0, DelegationCategory.PERMANENT_OBSERVER: 1.0, DelegationCategory.NGO: 1.5}
# How the people of the pools in other scripts write their names in Latin script, in the pools' order, for the
# "Name in Latin script" column that a UN registration form asks for (the English list of participants prints it).
LATIN: dict[str, tuple[str, str]] = {
    "arabic_script": ("Ahmed Fatima Omar Layla Youssef Mariam Khaled Nour Hassan Amal",
                      "Al-Mansouri El-Sayed Haddad Khalil Nasser Saleh Abdallah Farouk"),
    "chinese": POOLS["chinese_latin"],
    "japanese_script": ("Shota Hina Ren Yui Daisuke Misaki Kenji Yuki", "Sato Suzuki Takahashi Tanaka Watanabe Ito Yamamoto Nakamura"),
    "korean_script": ("Min-jun Seo-yeon Ji-hoon Ha-eun Do-yoon Soo-ah Jae-won Eun-ji", "Kim Lee Park Choi Jung Kang Cho Yoon"),
    "russian": POOLS["russian_latin"],
    "ukrainian": ("Oleksandr Oksana Andrii Iryna Bohdan Nataliia Taras Yuliia", "Shevchenko Kovalenko Bondarenko Tkachenko Kravchenko Melnyk Oliinyk"),
    "greek": ("Giorgos Maria Nikos Eleni Kostas Aikaterini Dimitris Sofia", "Papadopoulos Nikolaou Georgiou Oikonomou Konstantinou Antoniou"),
    "devanagari": ("Arjun Priya Rahul Ananya Vikram Sunita", "Sharma Patel Singh Gupta"),
    "thai": ("Somchai Suda Prasert Wilai Somchai Suda Nattapong Kanya", "Srisuk Wongthai Srisuk Wongthai Chaiyaporn Rattanakul"),
}
IN_SCRIPT_TO_LATIN = {written: latin for pool, pair in LATIN.items()
                      for names, latin_names in zip(POOLS[pool], pair, strict=True)
                      for written, latin in zip(names.split(), latin_names.split(), strict=True) if written != latin}

IN_PERSON_SHARE = {DelegationCategory.PARTY: 0.35, DelegationCategory.SIGNATORY: 0.3, DelegationCategory.NON_PARTY: 0.3,
                   DelegationCategory.ORGANIZATION: 0.25, DelegationCategory.PERMANENT_OBSERVER: 0.5, DelegationCategory.NGO: 0.2}


def _names(pool: str) -> tuple[tuple[str, ...], tuple[str, ...]]:
    given, family = POOLS[pool]
    return tuple(n.replace("_", " ") for n in given.split()), tuple(n.replace("_", " ") for n in family.split())


def _pools_for(delegation: Delegation) -> tuple[str, ...]:
    if not delegation.category.is_state:
        return INTERNATIONAL
    from meetplan import reference

    state = reference.find_state(delegation.name)
    if state is not None and state.iso3 in BY_COUNTRY:
        return BY_COUNTRY[state.iso3]
    return BY_GROUP.get(delegation.group, INTERNATIONAL)


def _ascii(text: str) -> str:
    folded = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    return re.sub(r"[^a-z0-9]+", "", folded.lower())


def _latin(given: str, family: str) -> str:
    """The name in Latin script when it is written in another (family name first for Chinese, Japanese and
    Korean names, as the list prints them), else empty: the form asks for it only then."""
    if given not in IN_SCRIPT_TO_LATIN and family not in IN_SCRIPT_TO_LATIN:
        return ""
    latin_given, latin_family = IN_SCRIPT_TO_LATIN.get(given, given), IN_SCRIPT_TO_LATIN.get(family, family)
    return f"{latin_family} {latin_given}" if east_asian(given) and east_asian(family) else f"{latin_given} {latin_family}"


def registrations(delegations: tuple[Delegation, ...], count: int, seed: int) -> Iterator[tuple[str, ...]]:
    """``count`` rows (without the heading), each a person of one of the delegations."""
    if not delegations:
        raise ValueError("synthetic registrations need at least one delegation")
    rng = random.Random(seed)
    # Every delegation sends someone when the count allows; the rest are drawn by category weight.
    order = list(delegations)
    rng.shuffle(order)
    weights = [WEIGHT[d.category] * rng.uniform(0.3, 1.7) for d in delegations]
    first = order[:count]
    rest = rng.choices(delegations, weights=weights, k=max(0, count - len(first)))
    chosen = first + rest
    rng.shuffle(chosen)  # registration order mixes delegations, as a real export does
    pools = {d: [_names(p) for p in _pools_for(d)] for d in delegations}
    slugs = {d: _ascii(d.name)[:24] or "delegation" for d in delegations}
    for number, delegation in enumerate(chosen, start=1):
        given_names, family_names = rng.choice(pools[delegation])
        given, family = rng.choice(given_names), rng.choice(family_names)
        # Names in other scripts get a neutral address: the e-mail only has to look like one.
        local = f"{_ascii(given)[:1]}.{_ascii(family)}{number}" if _ascii(given) and _ascii(family) else f"delegate{number}"
        email = f"{local}@{slugs[delegation]}.example"
        phone = f"+{rng.randint(1, 998)} {rng.randint(100, 999)} {rng.randint(1000, 9999)} {rng.randint(100, 999)}"
        mode = "In person" if rng.random() < IN_PERSON_SHARE[delegation.category] else "Online"
        yield (given, family, rng.choice(TITLES[delegation.category]), delegation.name, email, phone, mode, _latin(given, family))


def registrations_csv(delegations: tuple[Delegation, ...], count: int, seed: int) -> bytes:
    """The rows as a UTF-8 CSV file with Indico's headings."""
    buffer = io.StringIO(newline="")
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(HEADINGS)
    writer.writerows(registrations(delegations, count, seed))
    return buffer.getvalue().encode("utf-8")


def main(argv: list[str] | None = None) -> None:
    import argparse
    import sys

    from meetplan.config import parse, read_text
    from meetplan.errors import MeetplanError
    from meetplan.yamlsource import load_yaml

    parser = argparse.ArgumentParser(prog="python -m meetplan.synthetic", description=(
        "Write synthetic registrations (CSV, Indico's headings) for the delegations of a configuration. "
        "For tests, examples and benchmarks: the names, e-mail addresses and telephone numbers are invented."))
    parser.add_argument("config", type=Path, help="a meetplan configuration with a delegations: section")
    parser.add_argument("--count", type=int, default=450, help="number of rows [default: 450]")
    parser.add_argument("--seed", type=int, default=0, help="random seed: the same seed gives the same file [default: 0]")
    parser.add_argument("--output", "-o", type=Path, help="file to write [default: standard output]")
    args = parser.parse_args(argv)
    if args.count < 0:
        parser.error("--count must be 0 or more")
    try:
        # The configuration is parsed without reading its registrations: this may be the file that makes them.
        meeting = parse(load_yaml(read_text(args.config), str(args.config)), str(args.config))
        if not meeting.delegations:
            parser.error(f"{args.config} has no delegations: section")
    except MeetplanError as error:
        for problem in error.problems:
            print(f"error: {problem}", file=sys.stderr)
        raise SystemExit(2) from None
    data = registrations_csv(meeting.delegations, args.count, args.seed)
    if args.output is None:
        sys.stdout.buffer.write(data)
        return
    from meetplan.output import write_artifacts
    from meetplan.render import Artifact

    write_artifacts([Artifact(name=args.output.name, media_type="text/csv", data=data)], args.output.parent)


if __name__ == "__main__":
    main()
