"""PTV classification codes: read the code (P27.1, KR1.2) from an embedded classification object.

v11 embeds service classes and target groups as objects `{name, code, uri, parentUri, …}`. The
`code` field is the reliable key; older data carries only a URI: the new form
`http://uri.suomi.fi/codelist/ptv/ptvserclass2/code/P27.1`, or the old
`http://urn.fi/URN:NBN:fi:au:ptvl:v1211`. The tables below translate the old URNs (PTV release
3.4 code lists, mid-2022; P28 youth services never had one).
"""

from __future__ import annotations

import re
from typing import Any

#: Old service-class URN suffix (ptvl:vNNNN) → ptvserclass2 code.
OLD_SERVICE_CLASS_URNS: dict[str, str] = {
    "v1001": "P1", "v1002": "P1.1", "v1003": "P1.2", "v1004": "P1.3", "v1005": "P1.4",
    "v1006": "P1.5", "v1007": "P2", "v1008": "P2.1", "v1009": "P2.2", "v1010": "P2.3",
    "v1011": "P2.4", "v1012": "P2.5", "v1013": "P3", "v1014": "P3.1", "v1015": "P3.2",
    "v1016": "P3.3", "v1017": "P3.4", "v1018": "P3.5", "v1019": "P3.6", "v1020": "P3.7",
    "v1021": "P3.8", "v1022": "P3.9", "v1023": "P4", "v1024": "P4.1", "v1025": "P4.2",
    "v1026": "P4.3", "v1027": "P4.4", "v1028": "P4.5", "v1029": "P4.6", "v1030": "P4.7",
    "v1031": "P4.8", "v1032": "P4.9", "v1033": "P4.10", "v1034": "P4.11", "v1035": "P4.12",
    "v1036": "P4.13", "v1037": "P4.14", "v1038": "P5", "v1039": "P5.1", "v1040": "P5.2",
    "v1041": "P5.3", "v1042": "P5.4", "v1043": "P5.5", "v1044": "P5.6", "v1045": "P5.7",
    "v1046": "P5.8", "v1047": "P5.9", "v1048": "P5.10", "v1049": "P5.11", "v1050": "P5.12",
    "v1051": "P5.13", "v1052": "P5.14", "v1053": "P5.15", "v1054": "P5.16", "v1055": "P5.17",
    "v1056": "P5.18", "v1057": "P5.19", "v1058": "P5.20", "v1059": "P5.21", "v1060": "P6",
    "v1061": "P6.1", "v1062": "P6.2", "v1063": "P6.3", "v1064": "P6.4", "v1065": "P6.5",
    "v1066": "P6.6", "v1067": "P6.7", "v1068": "P6.8", "v1069": "P6.9", "v1070": "P6.10",
    "v1071": "P6.11", "v1072": "P6.12", "v1073": "P6.13", "v1074": "P6.14", "v1075": "P6.15",
    "v1076": "P7", "v1077": "P7.1", "v1078": "P7.2", "v1079": "P7.3", "v1080": "P7.4",
    "v1081": "P7.5", "v1082": "P7.6", "v1083": "P7.7", "v1084": "P7.8", "v1085": "P7.9",
    "v1086": "P7.10", "v1087": "P7.11", "v1088": "P7.12", "v1089": "P7.12", "v1090": "P8",
    "v1091": "P8.1", "v1092": "P8.2", "v1093": "P8.3", "v1094": "P8.4", "v1095": "P9",
    "v1096": "P10", "v1097": "P10.1", "v1098": "P10.2", "v1099": "P10.3", "v1100": "P10.4",
    "v1101": "P10.5", "v1102": "P10.6", "v1103": "P10.7", "v1104": "P10.8", "v1105": "P11",
    "v1106": "P11.1", "v1107": "P11.2", "v1108": "P11.3", "v1109": "P11.4", "v1110": "P11.5",
    "v1111": "P11.6", "v1112": "P11.7", "v1113": "P11.8", "v1114": "P11.9", "v1115": "P12",
    "v1116": "P12.1", "v1117": "P12.2", "v1118": "P12.3", "v1119": "P12.4", "v1120": "P13",
    "v1121": "P13.1", "v1122": "P13.2", "v1123": "P13.3", "v1124": "P13.4", "v1125": "P13.5",
    "v1126": "P14", "v1127": "P14.1", "v1128": "P14.2", "v1129": "P14.3", "v1130": "P14.4",
    "v1131": "P14.5", "v1132": "P15", "v1133": "P15.1", "v1134": "P15.2", "v1135": "P15.3",
    "v1136": "P15.4", "v1137": "P15.5", "v1138": "P15.6", "v1139": "P15.7", "v1140": "P15.8",
    "v1141": "P15.9", "v1142": "P16", "v1143": "P16.1", "v1144": "P16.2", "v1145": "P16.3",
    "v1146": "P16.4", "v1147": "P16.5", "v1148": "P16.6", "v1149": "P16.7", "v1150": "P16.8",
    "v1151": "P16.9", "v1152": "P17", "v1153": "P17.1", "v1154": "P17.2", "v1155": "P17.3",
    "v1156": "P18", "v1157": "P18.1", "v1158": "P18.2", "v1159": "P19", "v1160": "P19.1",
    "v1161": "P19.2", "v1162": "P19.3", "v1164": "P19.4", "v1165": "P19.5", "v1166": "P19.6",
    "v1167": "P20", "v1168": "P20.1", "v1169": "P20.2", "v1170": "P20.3", "v1171": "P21",
    "v1172": "P21.1", "v1173": "P21.2", "v1174": "P22", "v1175": "P22.1", "v1176": "P22.2",
    "v1177": "P22.3", "v1178": "P22.4", "v1179": "P22.5", "v1180": "P22.6", "v1181": "P22.7",
    "v1182": "P22.8", "v1183": "P22.9", "v1184": "P23", "v1185": "P23.1", "v1186": "P23.2",
    "v1187": "P23.3", "v1188": "P23.5", "v1189": "P23.6", "v1190": "P23.7", "v1191": "P24",
    "v1192": "P24.1", "v1193": "P24.2", "v1194": "P24.3", "v1195": "P24.4", "v1196": "P24.5",
    "v1197": "P24.6", "v1198": "P25", "v1199": "P25.1", "v1200": "P25.2", "v1201": "P25.3",
    "v1202": "P25.4", "v1203": "P25.5", "v1204": "P25.6", "v1205": "P25.7", "v1206": "P26",
    "v1207": "P26.1", "v1208": "P26.2", "v1209": "P26.3", "v1210": "P27", "v1211": "P27.1",
    "v1212": "P27.2", "v1213": "P27.3", "v1214": "P27.4", "v1215": "P27.5", "v1216": "P23.4",
    "v1217": "P9.1", "v1218": "P9.2", "v1219": "P9.3", "v1220": "P9.4", "v1221": "P9.5",
    "v1222": "P9.6",
}

#: Old target-group URN suffix → ptvkohderyhmat code (KR1 = v2001 … KR3 = v2017).
OLD_TARGET_GROUP_URNS: dict[str, str] = {
    "v2001": "KR1", "v2002": "KR1.1", "v2003": "KR1.2", "v2004": "KR1.3", "v2005": "KR1.4",
    "v2006": "KR1.5", "v2007": "KR1.6", "v2008": "KR2", "v2009": "KR2.1", "v2010": "KR2.2",
    "v2011": "KR2.3", "v2012": "KR2.4", "v2013": "KR2.5", "v2014": "KR2.6", "v2015": "KR2.7",
    "v2016": "KR2.8", "v2017": "KR3",
}

_NEW_URI_CODE = re.compile(r"/code/([A-Za-z]+[0-9]+(?:\.[0-9]+)*)/?$")
_OLD_URN = re.compile(r"ptvl:(v[0-9]+)/?$")
_CODE = re.compile(r"^[A-Za-z]+[0-9]+(?:\.[0-9]+)*$")


def finto_code(item: Any, old_urns: dict[str, str]) -> str | None:
    """The code of a classification object (service class or target group), or None."""
    if not isinstance(item, dict):
        return None
    code = item.get("code")
    if isinstance(code, str) and _CODE.match(code.strip()):
        return code.strip().upper()
    for key in ("newUri", "uri"):
        value = item.get(key)
        if not isinstance(value, str):
            continue
        if match := _NEW_URI_CODE.search(value.strip()):
            return match.group(1).upper()
        if match := _OLD_URN.search(value.strip()):
            return old_urns.get(match.group(1))
    return None


def service_class_code(item: Any) -> str | None:
    return finto_code(item, OLD_SERVICE_CLASS_URNS)


def target_group_code(item: Any) -> str | None:
    return finto_code(item, OLD_TARGET_GROUP_URNS)


def code_matches(code: str, pattern: str) -> bool:
    """Hierarchical match: `P5` matches P5, P5.7 and P5.7.1, not P50."""
    pattern = pattern.strip().upper()
    return code == pattern or code.startswith(pattern + ".")
