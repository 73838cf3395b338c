/*
 * fips.c - ISO 3166-1 alpha-3 country codes to the FIPS 10-4 codes GDELT
 * writes in its geographic fields (Actor1Geo_CountryCode, ...), for
 * out_fips() (store/out.h).
 *
 * Written for khaldun from the FIPS PUB 10-4 list as last maintained (by
 * the US National Geospatial-Intelligence Agency, to 2014) and the ISO
 * 3166-1 list: one row per ISO country or territory that has a FIPS 10-4
 * code of its own.  Choices where the two lists do not match one to one:
 * Palestine (PSE) is WE, the West Bank (Gaza, GZ, is not told apart by
 * country alone); Svalbard and Jan Mayen (SJM) is SV; Kosovo has FIPS KV
 * under both CAMEO's KSV and the user-assigned XKX; the Netherlands
 * Antilles (ANT) keep NT.  ISO entries without a FIPS code of their own
 * (Aland Islands, Bonaire, United States Minor Outlying Islands) have no
 * row: their geographic fields are left empty.  Sorted by ISO code, for a
 * binary search (test_export checks the order).
 */
#include <stddef.h>
#include <string.h>

#include "store/out.h"

typedef struct fips_row {
    char iso[4], fips[3];
} fips_row;

static const fips_row FIPS[] = {
    {"ABW", "AA"}, /* Aruba */
    {"AFG", "AF"}, /* Afghanistan */
    {"AGO", "AO"}, /* Angola */
    {"AIA", "AV"}, /* Anguilla */
    {"ALB", "AL"}, /* Albania */
    {"AND", "AN"}, /* Andorra */
    {"ANT", "NT"}, /* Netherlands Antilles (former) */
    {"ARE", "AE"}, /* United Arab Emirates */
    {"ARG", "AR"}, /* Argentina */
    {"ARM", "AM"}, /* Armenia */
    {"ASM", "AQ"}, /* American Samoa */
    {"ATA", "AY"}, /* Antarctica */
    {"ATF", "FS"}, /* French Southern and Antarctic Lands */
    {"ATG", "AC"}, /* Antigua and Barbuda */
    {"AUS", "AS"}, /* Australia */
    {"AUT", "AU"}, /* Austria */
    {"AZE", "AJ"}, /* Azerbaijan */
    {"BDI", "BY"}, /* Burundi */
    {"BEL", "BE"}, /* Belgium */
    {"BEN", "BN"}, /* Benin */
    {"BFA", "UV"}, /* Burkina Faso */
    {"BGD", "BG"}, /* Bangladesh */
    {"BGR", "BU"}, /* Bulgaria */
    {"BHR", "BA"}, /* Bahrain */
    {"BHS", "BF"}, /* Bahamas */
    {"BIH", "BK"}, /* Bosnia and Herzegovina */
    {"BLM", "TB"}, /* Saint Barthelemy */
    {"BLR", "BO"}, /* Belarus */
    {"BLZ", "BH"}, /* Belize */
    {"BMU", "BD"}, /* Bermuda */
    {"BOL", "BL"}, /* Bolivia */
    {"BRA", "BR"}, /* Brazil */
    {"BRB", "BB"}, /* Barbados */
    {"BRN", "BX"}, /* Brunei */
    {"BTN", "BT"}, /* Bhutan */
    {"BVT", "BV"}, /* Bouvet Island */
    {"BWA", "BC"}, /* Botswana */
    {"CAF", "CT"}, /* Central African Republic */
    {"CAN", "CA"}, /* Canada */
    {"CCK", "CK"}, /* Cocos (Keeling) Islands */
    {"CHE", "SZ"}, /* Switzerland */
    {"CHL", "CI"}, /* Chile */
    {"CHN", "CH"}, /* China */
    {"CIV", "IV"}, /* Cote d'Ivoire */
    {"CMR", "CM"}, /* Cameroon */
    {"COD", "CG"}, /* Congo (Kinshasa) */
    {"COG", "CF"}, /* Congo (Brazzaville) */
    {"COK", "CW"}, /* Cook Islands */
    {"COL", "CO"}, /* Colombia */
    {"COM", "CN"}, /* Comoros */
    {"CPV", "CV"}, /* Cabo Verde */
    {"CRI", "CS"}, /* Costa Rica */
    {"CUB", "CU"}, /* Cuba */
    {"CUW", "UC"}, /* Curacao */
    {"CXR", "KT"}, /* Christmas Island */
    {"CYM", "CJ"}, /* Cayman Islands */
    {"CYP", "CY"}, /* Cyprus */
    {"CZE", "EZ"}, /* Czechia */
    {"DEU", "GM"}, /* Germany */
    {"DJI", "DJ"}, /* Djibouti */
    {"DMA", "DO"}, /* Dominica */
    {"DNK", "DA"}, /* Denmark */
    {"DOM", "DR"}, /* Dominican Republic */
    {"DZA", "AG"}, /* Algeria */
    {"ECU", "EC"}, /* Ecuador */
    {"EGY", "EG"}, /* Egypt */
    {"ERI", "ER"}, /* Eritrea */
    {"ESH", "WI"}, /* Western Sahara */
    {"ESP", "SP"}, /* Spain */
    {"EST", "EN"}, /* Estonia */
    {"ETH", "ET"}, /* Ethiopia */
    {"FIN", "FI"}, /* Finland */
    {"FJI", "FJ"}, /* Fiji */
    {"FLK", "FK"}, /* Falkland Islands */
    {"FRA", "FR"}, /* France */
    {"FRO", "FO"}, /* Faroe Islands */
    {"FSM", "FM"}, /* Micronesia */
    {"GAB", "GB"}, /* Gabon */
    {"GBR", "UK"}, /* United Kingdom */
    {"GEO", "GG"}, /* Georgia */
    {"GGY", "GK"}, /* Guernsey */
    {"GHA", "GH"}, /* Ghana */
    {"GIB", "GI"}, /* Gibraltar */
    {"GIN", "GV"}, /* Guinea */
    {"GLP", "GP"}, /* Guadeloupe */
    {"GMB", "GA"}, /* Gambia */
    {"GNB", "PU"}, /* Guinea-Bissau */
    {"GNQ", "EK"}, /* Equatorial Guinea */
    {"GRC", "GR"}, /* Greece */
    {"GRD", "GJ"}, /* Grenada */
    {"GRL", "GL"}, /* Greenland */
    {"GTM", "GT"}, /* Guatemala */
    {"GUF", "FG"}, /* French Guiana */
    {"GUM", "GQ"}, /* Guam */
    {"GUY", "GY"}, /* Guyana */
    {"HKG", "HK"}, /* Hong Kong */
    {"HMD", "HM"}, /* Heard Island and McDonald Islands */
    {"HND", "HO"}, /* Honduras */
    {"HRV", "HR"}, /* Croatia */
    {"HTI", "HA"}, /* Haiti */
    {"HUN", "HU"}, /* Hungary */
    {"IDN", "ID"}, /* Indonesia */
    {"IMN", "IM"}, /* Isle of Man */
    {"IND", "IN"}, /* India */
    {"IOT", "IO"}, /* British Indian Ocean Territory */
    {"IRL", "EI"}, /* Ireland */
    {"IRN", "IR"}, /* Iran */
    {"IRQ", "IZ"}, /* Iraq */
    {"ISL", "IC"}, /* Iceland */
    {"ISR", "IS"}, /* Israel */
    {"ITA", "IT"}, /* Italy */
    {"JAM", "JM"}, /* Jamaica */
    {"JEY", "JE"}, /* Jersey */
    {"JOR", "JO"}, /* Jordan */
    {"JPN", "JA"}, /* Japan */
    {"KAZ", "KZ"}, /* Kazakhstan */
    {"KEN", "KE"}, /* Kenya */
    {"KGZ", "KG"}, /* Kyrgyzstan */
    {"KHM", "CB"}, /* Cambodia */
    {"KIR", "KR"}, /* Kiribati */
    {"KNA", "SC"}, /* Saint Kitts and Nevis */
    {"KOR", "KS"}, /* South Korea */
    {"KSV", "KV"}, /* Kosovo (CAMEO's code) */
    {"KWT", "KU"}, /* Kuwait */
    {"LAO", "LA"}, /* Laos */
    {"LBN", "LE"}, /* Lebanon */
    {"LBR", "LI"}, /* Liberia */
    {"LBY", "LY"}, /* Libya */
    {"LCA", "ST"}, /* Saint Lucia */
    {"LIE", "LS"}, /* Liechtenstein */
    {"LKA", "CE"}, /* Sri Lanka */
    {"LSO", "LT"}, /* Lesotho */
    {"LTU", "LH"}, /* Lithuania */
    {"LUX", "LU"}, /* Luxembourg */
    {"LVA", "LG"}, /* Latvia */
    {"MAC", "MC"}, /* Macau */
    {"MAF", "RN"}, /* Saint Martin */
    {"MAR", "MO"}, /* Morocco */
    {"MCO", "MN"}, /* Monaco */
    {"MDA", "MD"}, /* Moldova */
    {"MDG", "MA"}, /* Madagascar */
    {"MDV", "MV"}, /* Maldives */
    {"MEX", "MX"}, /* Mexico */
    {"MHL", "RM"}, /* Marshall Islands */
    {"MKD", "MK"}, /* North Macedonia */
    {"MLI", "ML"}, /* Mali */
    {"MLT", "MT"}, /* Malta */
    {"MMR", "BM"}, /* Burma */
    {"MNE", "MJ"}, /* Montenegro */
    {"MNG", "MG"}, /* Mongolia */
    {"MNP", "CQ"}, /* Northern Mariana Islands */
    {"MOZ", "MZ"}, /* Mozambique */
    {"MRT", "MR"}, /* Mauritania */
    {"MSR", "MH"}, /* Montserrat */
    {"MTQ", "MB"}, /* Martinique */
    {"MUS", "MP"}, /* Mauritius */
    {"MWI", "MI"}, /* Malawi */
    {"MYS", "MY"}, /* Malaysia */
    {"MYT", "MF"}, /* Mayotte */
    {"NAM", "WA"}, /* Namibia */
    {"NCL", "NC"}, /* New Caledonia */
    {"NER", "NG"}, /* Niger */
    {"NFK", "NF"}, /* Norfolk Island */
    {"NGA", "NI"}, /* Nigeria */
    {"NIC", "NU"}, /* Nicaragua */
    {"NIU", "NE"}, /* Niue */
    {"NLD", "NL"}, /* Netherlands */
    {"NOR", "NO"}, /* Norway */
    {"NPL", "NP"}, /* Nepal */
    {"NRU", "NR"}, /* Nauru */
    {"NZL", "NZ"}, /* New Zealand */
    {"OMN", "MU"}, /* Oman */
    {"PAK", "PK"}, /* Pakistan */
    {"PAN", "PM"}, /* Panama */
    {"PCN", "PC"}, /* Pitcairn Islands */
    {"PER", "PE"}, /* Peru */
    {"PHL", "RP"}, /* Philippines */
    {"PLW", "PS"}, /* Palau */
    {"PNG", "PP"}, /* Papua New Guinea */
    {"POL", "PL"}, /* Poland */
    {"PRI", "RQ"}, /* Puerto Rico */
    {"PRK", "KN"}, /* North Korea */
    {"PRT", "PO"}, /* Portugal */
    {"PRY", "PA"}, /* Paraguay */
    {"PSE", "WE"}, /* Palestine (the West Bank; Gaza is GZ) */
    {"PYF", "FP"}, /* French Polynesia */
    {"QAT", "QA"}, /* Qatar */
    {"REU", "RE"}, /* Reunion */
    {"ROU", "RO"}, /* Romania */
    {"RUS", "RS"}, /* Russia */
    {"RWA", "RW"}, /* Rwanda */
    {"SAU", "SA"}, /* Saudi Arabia */
    {"SDN", "SU"}, /* Sudan */
    {"SEN", "SG"}, /* Senegal */
    {"SGP", "SN"}, /* Singapore */
    {"SGS", "SX"}, /* South Georgia and the South Sandwich Islands */
    {"SHN", "SH"}, /* Saint Helena */
    {"SJM", "SV"}, /* Svalbard (and Jan Mayen, JN) */
    {"SLB", "BP"}, /* Solomon Islands */
    {"SLE", "SL"}, /* Sierra Leone */
    {"SLV", "ES"}, /* El Salvador */
    {"SMR", "SM"}, /* San Marino */
    {"SOM", "SO"}, /* Somalia */
    {"SPM", "SB"}, /* Saint Pierre and Miquelon */
    {"SRB", "RI"}, /* Serbia */
    {"SSD", "OD"}, /* South Sudan */
    {"STP", "TP"}, /* Sao Tome and Principe */
    {"SUR", "NS"}, /* Suriname */
    {"SVK", "LO"}, /* Slovakia */
    {"SVN", "SI"}, /* Slovenia */
    {"SWE", "SW"}, /* Sweden */
    {"SWZ", "WZ"}, /* Eswatini */
    {"SXM", "NN"}, /* Sint Maarten */
    {"SYC", "SE"}, /* Seychelles */
    {"SYR", "SY"}, /* Syria */
    {"TCA", "TK"}, /* Turks and Caicos Islands */
    {"TCD", "CD"}, /* Chad */
    {"TGO", "TO"}, /* Togo */
    {"THA", "TH"}, /* Thailand */
    {"TJK", "TI"}, /* Tajikistan */
    {"TKL", "TL"}, /* Tokelau */
    {"TKM", "TX"}, /* Turkmenistan */
    {"TLS", "TT"}, /* Timor-Leste */
    {"TON", "TN"}, /* Tonga */
    {"TTO", "TD"}, /* Trinidad and Tobago */
    {"TUN", "TS"}, /* Tunisia */
    {"TUR", "TU"}, /* Turkey */
    {"TUV", "TV"}, /* Tuvalu */
    {"TWN", "TW"}, /* Taiwan */
    {"TZA", "TZ"}, /* Tanzania */
    {"UGA", "UG"}, /* Uganda */
    {"UKR", "UP"}, /* Ukraine */
    {"URY", "UY"}, /* Uruguay */
    {"USA", "US"}, /* United States */
    {"UZB", "UZ"}, /* Uzbekistan */
    {"VAT", "VT"}, /* Holy See (Vatican City) */
    {"VCT", "VC"}, /* Saint Vincent and the Grenadines */
    {"VEN", "VE"}, /* Venezuela */
    {"VGB", "VI"}, /* British Virgin Islands */
    {"VIR", "VQ"}, /* US Virgin Islands */
    {"VNM", "VM"}, /* Vietnam */
    {"VUT", "NH"}, /* Vanuatu */
    {"WLF", "WF"}, /* Wallis and Futuna */
    {"WSM", "WS"}, /* Samoa */
    {"XKX", "KV"}, /* Kosovo (user-assigned ISO code) */
    {"YEM", "YM"}, /* Yemen */
    {"ZAF", "SF"}, /* South Africa */
    {"ZMB", "ZA"}, /* Zambia */
    {"ZWE", "ZI"}, /* Zimbabwe */
};

const char *out_fips(const char *iso3)
{
    if (!iso3 || strlen(iso3) != 3)
        return NULL;
    size_t lo = 0, hi = sizeof FIPS / sizeof FIPS[0];
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        int c = strcmp(FIPS[mid].iso, iso3);
        if (c == 0)
            return FIPS[mid].fips;
        if (c < 0)
            lo = mid + 1;
        else
            hi = mid;
    }
    return NULL;
}

const char *out_fips_row(size_t k, const char **fips)
{
    if (k >= sizeof FIPS / sizeof FIPS[0])
        return NULL;
    *fips = FIPS[k].fips;
    return FIPS[k].iso;
}
