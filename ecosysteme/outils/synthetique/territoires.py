"""The territories of the synthetic directory: real countries, régions and départements.

Codes are the official ones (INSEE for France, INS/NIS for Belgium). The last number of a
département is a rough weight (its population in hundreds of thousands), used to spread the
organisations; the article gives the French complement ("de la Gironde", "du Nord").
"""

PAYS = [("FR", "France"), ("BE", "Belgique")]

# (code, nom, article, [(code, nom, article, poids), ...])
REGIONS_FRANCE = [
    ("84", "Auvergne-Rhône-Alpes", "", [
        ("01", "Ain", "l", 7), ("03", "Allier", "l", 3), ("07", "Ardèche", "l", 3),
        ("15", "Cantal", "le", 1), ("26", "Drôme", "la", 5), ("38", "Isère", "l", 13),
        ("42", "Loire", "la", 8), ("43", "Haute-Loire", "la", 2), ("63", "Puy-de-Dôme", "le", 7),
        ("69", "Rhône", "le", 19), ("73", "Savoie", "la", 4), ("74", "Haute-Savoie", "la", 8),
    ]),
    ("27", "Bourgogne-Franche-Comté", "", [
        ("21", "Côte-d'Or", "la", 5), ("25", "Doubs", "le", 5), ("39", "Jura", "le", 3),
        ("58", "Nièvre", "la", 2), ("70", "Haute-Saône", "la", 2), ("71", "Saône-et-Loire", "", 5),
        ("89", "Yonne", "l", 3), ("90", "Territoire de Belfort", "le", 1),
    ]),
    ("53", "Bretagne", "", [
        ("22", "Côtes-d'Armor", "les", 6), ("29", "Finistère", "le", 9),
        ("35", "Ille-et-Vilaine", "", 11), ("56", "Morbihan", "le", 8),
    ]),
    ("24", "Centre-Val de Loire", "le", [
        ("18", "Cher", "le", 3), ("28", "Eure-et-Loir", "", 4), ("36", "Indre", "l", 2),
        ("37", "Indre-et-Loire", "", 6), ("41", "Loir-et-Cher", "le", 3), ("45", "Loiret", "le", 7),
    ]),
    ("94", "Corse", "", [("2A", "Corse-du-Sud", "la", 2), ("2B", "Haute-Corse", "la", 2)]),
    ("44", "Grand Est", "le", [
        ("08", "Ardennes", "les", 3), ("10", "Aube", "l", 3), ("51", "Marne", "la", 6),
        ("52", "Haute-Marne", "la", 2), ("54", "Meurthe-et-Moselle", "", 7),
        ("55", "Meuse", "la", 2), ("57", "Moselle", "la", 10), ("67", "Bas-Rhin", "le", 11),
        ("68", "Haut-Rhin", "le", 8), ("88", "Vosges", "les", 4),
    ]),
    ("32", "Hauts-de-France", "les", [
        ("02", "Aisne", "l", 5), ("59", "Nord", "le", 26), ("60", "Oise", "l", 8),
        ("62", "Pas-de-Calais", "le", 15), ("80", "Somme", "la", 6),
    ]),
    ("11", "Île-de-France", "", [
        ("75", "Paris", "", 21), ("77", "Seine-et-Marne", "", 14), ("78", "Yvelines", "les", 14),
        ("91", "Essonne", "l", 13), ("92", "Hauts-de-Seine", "les", 16),
        ("93", "Seine-Saint-Denis", "la", 17), ("94", "Val-de-Marne", "le", 14),
        ("95", "Val-d'Oise", "le", 12),
    ]),
    ("28", "Normandie", "", [
        ("14", "Calvados", "le", 7), ("27", "Eure", "l", 6), ("50", "Manche", "la", 5),
        ("61", "Orne", "l", 3), ("76", "Seine-Maritime", "la", 13),
    ]),
    ("75", "Nouvelle-Aquitaine", "", [
        ("16", "Charente", "la", 4), ("17", "Charente-Maritime", "la", 7),
        ("19", "Corrèze", "la", 2), ("23", "Creuse", "la", 1), ("24", "Dordogne", "la", 4),
        ("33", "Gironde", "la", 17), ("40", "Landes", "les", 4), ("47", "Lot-et-Garonne", "le", 3),
        ("64", "Pyrénées-Atlantiques", "les", 7), ("79", "Deux-Sèvres", "les", 4),
        ("86", "Vienne", "la", 4), ("87", "Haute-Vienne", "la", 4),
    ]),
    ("76", "Occitanie", "", [
        ("09", "Ariège", "l", 2), ("11", "Aude", "l", 4), ("12", "Aveyron", "l", 3),
        ("30", "Gard", "le", 8), ("31", "Haute-Garonne", "la", 15), ("32", "Gers", "le", 2),
        ("34", "Hérault", "l", 12), ("46", "Lot", "le", 2), ("48", "Lozère", "la", 1),
        ("65", "Hautes-Pyrénées", "les", 2), ("66", "Pyrénées-Orientales", "les", 5),
        ("81", "Tarn", "le", 4), ("82", "Tarn-et-Garonne", "le", 3),
    ]),
    ("52", "Pays de la Loire", "les", [
        ("44", "Loire-Atlantique", "la", 15), ("49", "Maine-et-Loire", "", 8),
        ("53", "Mayenne", "la", 3), ("72", "Sarthe", "la", 6), ("85", "Vendée", "la", 7),
    ]),
    ("93", "Provence-Alpes-Côte d'Azur", "", [
        ("04", "Alpes-de-Haute-Provence", "les", 2), ("05", "Hautes-Alpes", "les", 1),
        ("06", "Alpes-Maritimes", "les", 11), ("13", "Bouches-du-Rhône", "les", 21),
        ("83", "Var", "le", 11), ("84", "Vaucluse", "le", 6),
    ]),
    ("01", "Guadeloupe", "la", [("971", "Guadeloupe", "la", 4)]),
    ("02", "Martinique", "la", [("972", "Martinique", "la", 4)]),
    ("03", "Guyane", "la", [("973", "Guyane", "la", 3)]),
    ("04", "La Réunion", "", [("974", "La Réunion", "", 9)]),
    ("06", "Mayotte", "", [("976", "Mayotte", "", 3)]),
]  # fmt: skip

# Brussels has no province: its communes sit directly under the région (see COMMUNES_BRUXELLES).
REGIONS_BELGIQUE = [
    ("02000", "Région flamande", "la", [
        ("10000", "Province d'Anvers", "la", 19),
        ("20001", "Province du Brabant flamand", "la", 12),
        ("30000", "Province de Flandre-Occidentale", "la", 12),
        ("40000", "Province de Flandre-Orientale", "la", 15),
        ("70000", "Province de Limbourg", "la", 9),
    ]),
    ("03000", "Région wallonne", "la", [
        ("20002", "Province du Brabant wallon", "la", 4),
        ("50000", "Province de Hainaut", "la", 14),
        ("60000", "Province de Liège", "la", 11), ("80000", "Province de Luxembourg", "la", 3),
        ("90000", "Province de Namur", "la", 5),
    ]),
    ("04000", "Région de Bruxelles-Capitale", "la", []),
]  # fmt: skip
POIDS_BRUXELLES = 12
PROVINCES_FLAMANDES = {"10000", "20001", "30000", "40000", "70000"}

COMMUNES_BRUXELLES = [
    "Anderlecht", "Auderghem", "Berchem-Sainte-Agathe", "Etterbeek", "Evere", "Forest",
    "Ganshoren", "Ixelles", "Jette", "Koekelberg", "Molenbeek-Saint-Jean", "Saint-Gilles",
    "Saint-Josse-ten-Noode", "Schaerbeek", "Uccle", "Watermael-Boitsfort",
    "Woluwe-Saint-Lambert", "Woluwe-Saint-Pierre",
]  # fmt: skip

# Big cities, which draw many organisations: (nom, code, code of their département or province
# or région, weight in hundreds of thousands of inhabitants).
GRANDES_VILLES = [
    ("Paris", "75056", "75", 21), ("Marseille", "13055", "13", 8.7), ("Lyon", "69123", "69", 5.2),
    ("Toulouse", "31555", "31", 5), ("Nice", "06088", "06", 3.4), ("Nantes", "44109", "44", 3.2),
    ("Montpellier", "34172", "34", 3), ("Strasbourg", "67482", "67", 2.9),
    ("Bordeaux", "33063", "33", 2.6), ("Lille", "59350", "59", 2.3), ("Rennes", "35238", "35", 2.2),
    ("Reims", "51454", "51", 1.8), ("Toulon", "83137", "83", 1.8),
    ("Saint-Étienne", "42218", "42", 1.7), ("Grenoble", "38185", "38", 1.6),
    ("Dijon", "21231", "21", 1.6), ("Angers", "49007", "49", 1.5), ("Nîmes", "30189", "30", 1.5),
    ("Villeurbanne", "69266", "69", 1.5), ("Clermont-Ferrand", "63113", "63", 1.5),
    ("Le Mans", "72181", "72", 1.4), ("Brest", "29019", "29", 1.4), ("Tours", "37261", "37", 1.4),
    ("Amiens", "80021", "80", 1.3), ("Limoges", "87085", "87", 1.3),
    ("Besançon", "25056", "25", 1.2), ("Metz", "57463", "57", 1.2), ("Orléans", "45234", "45", 1.2),
    ("Perpignan", "66136", "66", 1.2), ("Rouen", "76540", "76", 1.1), ("Caen", "14118", "14", 1.1),
    ("Saint-Denis", "93066", "93", 1.1), ("Montreuil", "93048", "93", 1.1),
    ("Nancy", "54395", "54", 1), ("Poitiers", "86194", "86", 0.9), ("Niort", "79191", "79", 0.6),
    ("Bruxelles", "21004", "04000", 1.9), ("Anvers", "11002", "10000", 5.3),
    ("Gand", "44021", "40000", 2.6), ("Charleroi", "52011", "50000", 2),
    ("Liège", "62063", "60000", 1.9), ("Bruges", "31005", "30000", 1.2),
    ("Namur", "92094", "90000", 1.1), ("Louvain", "24062", "20001", 1),
    ("Mons", "53053", "50000", 0.95),
]  # fmt: skip

# Their names in Dutch and English where these languages have their own ("" where not): the
# country, the regions and provinces of Belgium, its big cities and the communes of Brussels.
AUTRES_NOMS = {
    "France": ("Frankrijk", ""),
    "Belgique": ("België", "Belgium"),
    "Région flamande": ("Vlaams Gewest", "Flemish Region"),
    "Région wallonne": ("Waals Gewest", "Walloon Region"),
    "Région de Bruxelles-Capitale": ("Brussels Hoofdstedelijk Gewest", "Brussels-Capital Region"),
    "Province d'Anvers": ("Provincie Antwerpen", "Province of Antwerp"),
    "Province du Brabant flamand": ("Provincie Vlaams-Brabant", "Province of Flemish Brabant"),
    "Province de Flandre-Occidentale": ("Provincie West-Vlaanderen", "Province of West Flanders"),
    "Province de Flandre-Orientale": ("Provincie Oost-Vlaanderen", "Province of East Flanders"),
    "Province de Limbourg": ("Provincie Limburg", "Province of Limburg"),
    "Province du Brabant wallon": ("Provincie Waals-Brabant", "Province of Walloon Brabant"),
    "Province de Hainaut": ("Provincie Henegouwen", "Province of Hainaut"),
    "Province de Liège": ("Provincie Luik", "Province of Liège"),
    "Province de Luxembourg": ("Provincie Luxemburg", "Province of Luxembourg"),
    "Province de Namur": ("Provincie Namen", "Province of Namur"),
    "Bruxelles": ("Brussel", "Brussels"),
    "Anvers": ("Antwerpen", "Antwerp"),
    "Gand": ("Gent", "Ghent"),
    "Liège": ("Luik", ""),
    "Bruges": ("Brugge", ""),
    "Namur": ("Namen", ""),
    "Louvain": ("Leuven", "Leuven"),
    "Mons": ("Bergen", ""),
    "Auderghem": ("Oudergem", ""),
    "Berchem-Sainte-Agathe": ("Sint-Agatha-Berchem", ""),
    "Forest": ("Vorst", ""),
    "Ixelles": ("Elsene", ""),
    "Molenbeek-Saint-Jean": ("Sint-Jans-Molenbeek", ""),
    "Saint-Gilles": ("Sint-Gillis", ""),
    "Saint-Josse-ten-Noode": ("Sint-Joost-ten-Node", ""),
    "Schaerbeek": ("Schaarbeek", ""),
    "Uccle": ("Ukkel", ""),
    "Watermael-Boitsfort": ("Watermaal-Bosvoorde", ""),
    "Woluwe-Saint-Lambert": ("Sint-Lambrechts-Woluwe", ""),
    "Woluwe-Saint-Pierre": ("Sint-Pieters-Woluwe", ""),
}
