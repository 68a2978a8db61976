"""Word lists the synthetic directory is built from: French and Belgian-looking names of
places, organisations and people, and the sentences of their descriptions.

Placeholders in braces are filled by ecosysteme.outils.synthetique.generation: {commune},
{de_commune}, {a_commune}, {de_dept}, {de_region}, {lieu} and any list of REMPLISSAGES below.
"""

# --- Places --------------------------------------------------------------------------------

BASES_COMMUNES = """Montbrun Beaulieu Chambon Fontaine Villers Belmont Rochefort Châteauneuf
    Mirebeau Aubigny Brissac Lavaur Marcillac Vernon Coulanges Sauveterre Verneuil Chaumont
    Mauriac Pradelles Lussac Montfort Champagnac Vauvert Castelnau Beaumont Mont-Royal Clairac
    Lézignan Aurignac Montagnac Saint-Amans Bellegarde Villemur Cazères Puylaurens Lectoure
    Montréal Conques Salers Tulle Ussel Égletons Aubusson Bourganeuf Confolens Ruffec Jarnac
    Cognac Pons Saujon Marennes Royan Mortagne Blaye Bourg Lesparre Pauillac Castillon Sainte-Foy
    Eymet Bergerac Sarlat Domme Belvès Terrasson Thiviers Nontron Brantôme Ribérac Mussidan
    Neuvic Montpon Coutras Libourne Créon Cadillac Langon Bazas Grignols Casteljaloux Nérac
    Mézin Lavardac Condom Vic Nogaro Riscle Marciac Mirande Masseube Trie Tournay Lannemezan
    Arreau Loudenvielle Saint-Lary Bagnères Lourdes Argelès Luz Cauterets Oloron Mauléon Tardets
    Navarrenx Orthez Salies Sauveterre Peyrehorade Dax Tartas Mugron Hagetmau Aire Grenade
    Roquefort Sabres Morcenx Mimizan Parentis Biscarrosse Arès Andernos Lanton Audenge Biganos
    Salles Belin Hostens Saint-Symphorien Villandraut Préchac Captieux Luxey Labrit Brocas
    Vallon Privas Aubenas Largentière Joyeuse Vals Antraigues Lamastre Tournon Annonay Serrières
    Corbelin Morestel Crémieu Bourgoin Vienne Roussillon Beaurepaire Saint-Marcellin Vinay
    Moirans Voiron Rives Tullins Vif Mens Corps Allevard Goncelin Pontcharra Montmélian Albertville
    Moûtiers Bozel Aime Modane Lanslebourg Ugine Faverges Thônes Cluses Sallanches Megève
    Samoëns Taninges Boëge Thonon Évian Abondance Douvaine Reignier Cruseilles Rumilly Seyssel
    Nantua Oyonnax Bellignat Izernore Poncin Ambérieu Lagnieu Meximieux Montluel Trévoux
    Thoissey Pont-de-Vaux Bâgé Pont-de-Veyle Marlieux Villars Chalamont Péronnas Treffort
    Coligny Saint-Amour Lons Poligny Arbois Salins Champagnole Nozeroy Mouthe Morez Clairvaux
    Orgelet Arinthod Moirans Vaux Gray Pesmes Marnay Rioz Vesoul Luxeuil Faucogney Mélisey
    Lure Héricourt Villersexel Montbozon Baume Rougemont Clerval Pontarlier Ornans Quingey
    Vercel Maîche Morteau Montbenoît Levier Mouthier Nans Saulieu Vitteaux Semur Montbard
    Châtillon Recey Is-sur-Tille Fontaine-Française Mirebeau Genlis Auxonne Brazey Seurre
    Nolay Arnay Liernais Bligny Gevrey Nuits Beaune Meursault Chagny Givry Buxy Tournus Cluny
    Matour Tramayes Charolles Paray Digoin Bourbon Gueugnon Toulon-sur-Arroux Épinac Autun
    Lucenay Couches Montcenis Montchanin Sanvignes Blanzy Ciry Palinges Marcigny Semur
    Chauffailles La Clayette Dompierre Lapalisse Le Donjon Jaligny Varennes Gannat Ébreuil
    Montmarault Commentry Néris Montluçon Huriel Cérilly Hérisson Ainay Saint-Pourçain
    Moulins Souvigny Bourbon-l'Archambault Lurcy Sancoins Dun Châteaumeillant Lignières
    Saint-Amand Charost Mehun Vierzon Graçay Aubigny Argent Sancerre Léré Vailly Henrichemont
    Baugy Nérondes Sancergues Avord Levet""".split()

# Bases used with an article: "Le Mesnil-sur-Oise", "La Chapelle-Saint-Luc".
BASES_AVEC_ARTICLE = [
    "Le Mesnil", "Le Plessis", "La Chapelle", "Les Ormes", "La Roche", "Le Puy", "La Ferté",
    "Le Bourg", "La Motte", "Les Essarts", "Le Pin", "La Selle", "Les Loges", "La Bastide",
    "Le Vigan", "La Tour", "Le Chesnay", "La Grand-Combe", "Les Mureaux", "Le Teil",
    "La Tremblade", "Les Herbiers", "Le Cateau", "La Souterraine", "Le Monastier",
    "La Canourgue", "Les Vans", "Le Malzieu", "La Salvetat", "Le Fossat",
]  # fmt: skip

RIVIERES = """Loire Dordogne Garonne Saône Marne Oise Vienne Lot Tarn Aisne Meuse Moselle
    Charente Allier Cher Indre Orne Sarthe Yonne Ain Drôme Isère Aude Gers Seine Dronne Vézère
    Creuse Gartempe Sèvre Mayenne Vilaine Rance Aulne Blavet Somme Authie Escaut Sambre Ourthe
    Lesse Semois Doubs Ognon Armançon Cure Serein Ource Aube Ornain Saulx Meurthe Sarre Ill Lauter
    Bruche Durance Verdon Var Ardèche Cèze Hérault Orb Agly Têt Ariège Save Baïse Adour Gave
    Nive Bidouze Leyre Ciron Dropt Isle Auvézère Corrèze""".split()

PAYS_TRADITIONNELS = """Auxois Bresse Argonne Vercors Morvan Limousin Quercy Périgord Vexin Brie
    Beauce Sologne Champagne Berry Bocage Gâtinais Hurepoix Vivarais Velay Forez Bugey Chablais
    Dombes Artois Thiérache Santerre Cotentin Perche Bray Caux Médoc Albret Armagnac Comminges
    Couserans Lauragais Rouergue Gévaudan Cévennes Queyras Diois Royans Trièves Valois Soissonnais
    Laonnois Barrois Saintois Xaintois Ternois Boulonnais Avesnois Cambrésis""".split()

SAINTS = """Martin Jean Pierre Paul Laurent Julien Germain Hilaire Georges Denis Étienne Médard
    Aignan Amand Andéol Aubin Avit Benoît Brice Cyr Didier Éloi Firmin Genès Gilles Hippolyte
    Just Léger Loup Lubin Maixent Marcel Maurice Michel Nazaire Ouen Quentin Rémy Romain Sauveur
    Sulpice Symphorien Thibault Victor Vincent Yrieix""".split()
SAINTES = """Marie Anne Catherine Colombe Foy Geneviève Hélène Lucie Madeleine Marguerite Radegonde
    Reine Solange Suzanne Agathe Eulalie Croix Livrade Bazeille Sévère""".split()
QUALIFICATIFS_COMMUNES = [
    "le-Château", "les-Bains", "la-Forêt", "le-Vieux", "le-Grand", "l'Abbaye", "les-Vignes",
    "aux-Bois", "la-Rivière", "d'Arc", "du-Lac", "des-Champs", "la-Montagne", "l'Église",
    "les-Roses", "le-Comtal", "d'Aunis", "des-Prés", "la-Côte", "le-Marché",
]  # fmt: skip
PREFIXES_COMMUNES = ["Villeneuve", "Villefranche", "Neuville", "Fontaine", "Châtillon", "Bourg"]

BASES_WALLONNES = """Jemeppe Fosses Hamoir Florennes Couvin Chimay Thuin Binche Ath Enghien Braine
    Tubize Nivelles Genappe Walhain Gesves Assesse Ohey Andenne Huy Wanze Amay Engis Flémalle
    Seraing Herstal Visé Spa Stavelot Malmedy Bastogne Marche Durbuy Hotton Houffalize Arlon
    Virton Neufchâteau Bouillon Ciney Dinant Beauraing Gedinne Philippeville Walcourt Fleurus
    Farciennes Châtelet Gerpinnes Courcelles Jodoigne Perwez Hannut Waremme Gembloux Wavre
    Rixensart Lasne Ottignies Chastre Éghezée Sombreffe Sambreville Profondeville Yvoir Hastière
    Rochefort Tellin Wellin Libin Paliseul Bertrix Herbeumont Florenville Chiny Étalle Habay
    Vielsalm Gouvy Lierneux Trois-Ponts Aywaille Sprimont Esneux Comblain Ferrières Ouffet
    Modave Tinlot Nandrin Clavier Marchin Héron Burdinne Braives Verlaine Fexhe Grâce Oupeye
    Dalhem Blegny Soumagne Fléron Olne Pepinster Theux Jalhay Limbourg Welkenraedt Plombières
    Quiévrain Dour Frameries Quévy Estinnes Lobbes Erquelinnes Momignies Sivry Froidchapelle
    Leuze Péruwelz Antoing Rumes Brunehaut Estaimpuis Mouscron Comines Frasnes Ellezelles
    Flobecq Lessines Silly Écaussinnes Seneffe Manage Chapelle Fontaine-l'Évêque""".split()
RIVIERES_WALLONNES = """Meuse Sambre Ourthe Lesse Semois Dyle Haine Vesdre Amblève Eau-Blanche
    Molignée""".split()

RACINES_FLAMANDES = """Ooster Wester Zand Meer Hoog Lange Berg Ever Ede Mal Wijn Ruis Kort Heren
    Boom Lier Wette Zwijn Hel Dender Schel Kalm Brak Dries Hul Lede Merel Nevel Ronse Stek Tiel
    Varen Wingen Zomer Oud Nieuw Groot Klein Haven Linde Ekel Bever Heist Kaster Molen""".split()
SUFFIXES_FLAMANDS = "gem kerke hout donk rode dijk veld hove beke lare zele brugge dam loo broek"
SUFFIXES_FLAMANDS = SUFFIXES_FLAMANDS.split()
SAINTS_FLAMANDS = "Pieters Jans Martens Lievens Amands Katelijne Niklaas Truiden Gillis Joris"
SAINTS_FLAMANDS = SAINTS_FLAMANDS.split()

# Complements of place: "Les Jardins du Bocage", "Pôle d'économie solidaire des Coteaux".
LIEUX = [
    "du Bocage", "des Coteaux", "de la Vallée", "du Val", "de l'Estuaire", "des Monts",
    "du Plateau", "de la Plaine", "du Marais", "des Deux Rives", "du Pays Haut", "des Causses",
    "de la Presqu'île", "du Haut-Pays", "des Hautes Terres", "de la Côte", "du Vignoble",
    "des Étangs", "du Bassin minier", "de la Montagne", "des Collines", "du Littoral",
    "de l'Arrière-Pays", "des Quartiers Nord", "du Centre-Ville", "de la Rive Gauche",
    "des Faubourgs", "du Pays de Caux", "de la Forêt", "des Vallons",
]  # fmt: skip

# --- Organisations -------------------------------------------------------------------------

POETIQUES = [
    "Les Colibris", "La Ruche", "L'Escale", "La Fabrique", "Le Relais", "La Passerelle",
    "L'Envol", "Le Tremplin", "La Boussole", "L'Archipel", "Les Petits Ruisseaux",
    "La Belle Équipe", "Le Grain de Sel", "L'Arbre à Palabres", "La Clé des Champs",
    "Le Champ des Possibles", "La Navette", "Le Chaudron", "La Cordée", "L'Atelier Partagé",
    "La Pépinière", "Le Phare", "La Source", "L'Étincelle", "La Bricole", "Le Local",
    "La Marmite", "La Graineterie", "L'Hirondelle", "Le Moulin", "La Forge", "L'Alambic",
    "La Volière", "Le Fil d'Ariane", "La Main Verte", "Les Ateliers du Lien", "L'Îlot",
    "Le Comptoir", "La Cabane", "L'Ouvre-Boîte", "Le Bazar Solidaire", "La Tisserie",
    "Les Mille Pattes", "Le Cœur à l'Ouvrage", "La Courte Échelle", "Les Têtes de l'Art",
    "L'Œil du Cyclone", "La Roue Libre", "Le Pas de Côté", "La Grange", "L'Usine à Projets",
    "Les Beaux Lendemains", "La Maison Commune", "Le Petit Atelier", "Les Jardins d'Éole",
    "La Fourmilière", "L'Arche", "Le Nid", "La Traverse", "Les Communs",
]  # fmt: skip
# (collective name, activity, theme slug)
METIERS = [
    ("Menuisiers", "menuiserie et agencement", "btp"),
    ("Charpentiers", "charpente et ossature bois", "btp"),
    ("Maçons", "maçonnerie écologique et rénovation du bâti ancien", "btp"),
    ("Électriciens", "électricité et rénovation énergétique", "energie"),
    ("Imprimeurs", "imprimerie et façonnage", "communication"),
    ("Graphistes", "graphisme, édition et signalétique", "communication"),
    ("Traiteurs", "restauration collective et traiteur", "alimentation"),
    ("Boulangers", "boulangerie biologique au levain", "alimentation"),
    ("Paysagistes", "création et entretien d'espaces verts", "environnement"),
    ("Développeurs", "développement de logiciels libres", "numerique"),
    ("Consultants", "conseil en organisation et en gouvernance partagée", "conseil"),
    ("Architectes", "architecture, urbanisme et habitat participatif", "habitat"),
    ("Brasseurs", "brasserie artisanale", "alimentation"),
    ("Couturières", "couture, retouches et upcycling textile", "industries-creatives"),
    ("Mécaniciens", "réparation automobile solidaire", "mobilite"),
    ("Coursiers", "livraison à vélo-cargo", "livraison"),
    ("Aides à domicile", "aide et accompagnement à domicile", "services-a-la-personne"),
    ("Formateurs", "formation professionnelle continue", "formation"),
    ("Vidéastes", "production audiovisuelle et documentaire", "industries-creatives"),
    ("Thermiciens", "bureau d'études thermiques", "energie"),
    ("Éditeurs", "édition jeunesse et bande dessinée", "culture"),
    ("Maraîchers", "maraîchage biologique et vente en circuit court", "alimentation"),
    ("Céramistes", "céramique et arts de la table", "industries-creatives"),
    ("Ébénistes", "ébénisterie et mobilier en bois local", "btp"),
    ("Géomètres", "études foncières et cartographie", "conseil"),
]
# Who networks and federations gather.
ACTEURS = [
    "jardins partagés", "ressourceries", "épiceries solidaires", "tiers-lieux",
    "régies de quartier", "entreprises d'insertion", "coopératives culturelles",
    "associations de jeunesse", "acteurs de l'habitat participatif", "AMAP", "recycleries",
    "structures d'insertion par l'activité économique", "coopératives d'habitants",
    "monnaies locales", "centres sociaux", "cafés associatifs", "fermes pédagogiques",
    "ateliers vélo", "garages solidaires", "crèches parentales", "compagnies de théâtre",
    "radios associatives", "épiceries vrac", "coopératives d'énergie citoyenne",
    "groupements d'employeurs", "entreprises adaptées", "chantiers d'insertion",
]  # fmt: skip
OBJETS = [
    "pour le développement local", "d'éducation populaire", "d'entraide", "culturelle",
    "de solidarité", "pour l'insertion par l'économique", "de prévention", "sportive et solidaire",
    "pour l'accès au numérique", "des habitants", "pour le logement des jeunes",
    "de promotion de la santé", "pour une alimentation durable", "de médiation",
]  # fmt: skip
ACTIVITES = [
    "des ateliers de réparation de vélos", "une épicerie solidaire", "des jardins partagés",
    "des cours de français langue étrangère", "un café associatif", "des chantiers d'insertion",
    "des repas partagés", "une recyclerie", "de l'aide aux devoirs", "des séjours de vacances",
    "des formations au numérique", "des spectacles vivants", "une ludothèque",
    "du covoiturage solidaire", "un accompagnement administratif", "des ateliers d'écriture",
    "une bricothèque", "un atelier de couture", "des permanences juridiques",
    "une friperie", "des balades naturalistes", "un fablab", "une cuisine partagée",
    "des concerts", "un accueil de jour", "des ateliers d'éveil musical",
]  # fmt: skip
PUBLICS = [
    "les habitants", "les jeunes de 16 à 25 ans", "les familles", "les personnes éloignées de "
    "l'emploi", "les seniors isolés", "les porteurs de projet", "les bénévoles",
    "les demandeurs d'asile", "les agriculteurs", "les étudiants", "les créateurs d'entreprise",
    "les personnes en situation de handicap", "les femmes entrepreneures",
    "les associations employeuses", "les commerçants",
]  # fmt: skip
ADJECTIFS = ["solidaire", "coopérative", "citoyenne", "mutualiste", "populaire", "partagée"]
ADJECTIFS_MASCULINS = ["solidaire", "coopératif", "citoyen", "mutualiste", "populaire", "partagé"]
SECTEURS = [
    "la banque", "l'industrie automobile", "la grande distribution", "l'enseignement",
    "le travail social", "l'animation socioculturelle", "le journalisme", "l'agriculture",
    "la fonction publique territoriale", "le conseil", "l'informatique", "le spectacle vivant",
]  # fmt: skip
FORMATIONS = [
    "l'économie sociale et solidaire", "l'ingénierie de projet", "la gestion des entreprises",
    "la sociologie", "l'urbanisme", "l'agronomie", "le droit des associations",
    "la communication", "le développement local",
]  # fmt: skip

# Placeholders any template may use, and the lists they draw from.
REMPLISSAGES = {
    "poetique": POETIQUES,
    "lieu": LIEUX,
    "acteurs": ACTEURS,
    "objet": OBJETS,
    "activite": ACTIVITES,
    "public": PUBLICS,
    "adjectif": ADJECTIFS,
    "adjectif_m": ADJECTIFS_MASCULINS,
    "pays_trad": PAYS_TRADITIONNELS,
    "secteur": SECTEURS,
    "formation": FORMATIONS,
}

# --- People ---------------------------------------------------------------------------------

PRENOMS_FEMININS = """Marie Camille Léa Manon Chloé Emma Inès Sarah Julie Laura Pauline Claire
    Élise Anne Sophie Isabelle Nathalie Catherine Sylvie Valérie Christine Hélène Florence
    Céline Aurélie Émilie Mathilde Lucie Juliette Margaux Agathe Clémence Alice Jeanne Louise
    Anaïs Charlotte Marion Élodie Delphine Sandrine Karine Véronique Corinne Brigitte Monique
    Fatima Yasmina Nadia Samira Leïla Aïcha Aminata Fatoumata Awa Mariama Linh Mei Ana Sofia
    Giulia Ayşe Zoé Maëlle Gwenaëlle Soazig Anouk Lies Joke Annelies Sien Marieke Fien Griet
    Noémie Bérénice Solène Ophélie Maud Servane Héloïse Armelle Ghislaine Josiane""".split()
PRENOMS_MASCULINS = """Jean Pierre Michel Philippe Alain Nicolas Christophe Patrick Stéphane
    Laurent Frédéric Olivier Éric Thierry Julien David Sébastien Thomas Antoine Maxime Hugo
    Lucas Louis Paul Arthur Mathieu Guillaume Romain Benoît Damien Cédric Fabrice Jérôme
    Vincent François Bernard Gérard Daniel Yves Bruno Hervé Didier Mohamed Karim Rachid Youssef
    Mehdi Samir Moussa Mamadou Ibrahima Koffi Minh Wei João Luca Mehmet Nils Erwan Gaël Yannick
    Loïc Tanguy Pieter Jan Koen Wouter Bart Joris Stijn Jef Raphaël Noël Gaëtan Aurélien Bastien
    Jérémie Timothée Baptiste Anthony Grégory Joël Lionel""".split()
NOMS = """Martin Bernard Dubois Thomas Robert Richard Petit Durand Leroy Moreau Simon Laurent
    Lefebvre Michel Garcia David Bertrand Roux Vincent Fournier Morel Girard André Lefèvre
    Mercier Dupont Lambert Bonnet François Martinez Legrand Garnier Faure Rousseau Blanc Guérin
    Muller Henry Roussel Nicolas Perrin Morin Mathieu Clément Gauthier Dumont Lopez Fontaine
    Chevalier Robin Masson Sanchez Gérard Nguyen Boyer Denis Lemaire Duval Joly Gautier Roger
    Roche Roy Noël Meyer Lucas Meunier Jean Perez Marchand Dufour Blanchard Marie Barbier Brun
    Dumas Brunet Schmitt Leroux Colin Fernandez Pierre Renard Arnaud Rolland Caron Aubert
    Giraud Leclerc Vidal Bourgeois Renaud Lemoine Picard Gaillard Philippe Leclercq Lacroix
    Fabre Dupuis Olivier Rodriguez Hubert Louis Charles Guillot Rivière Guillaume Adam Rey
    Moulin Gonzalez Berger Lecomte Ménard Fleury Deschamps Carpentier Julien Benoît Maillard
    Marchal Aubry Vasseur Renault Jacquet Collet Prévost Poirier Charpentier Royer Huet Baron
    Dupuy Pons Paul Laine Carré Breton Rémy Schneider Perrot Guyot Barre Marty Cousin Peeters
    Janssens Maes Jacobs Mertens Willems Claes Goossens Wouters Hermans Desmet Lejeune Delvaux
    Collard Benali Haddad Mansouri Bouzid Diallo Traoré Ndiaye Koné Mendes Ferreira Pereira
    Tran Kowalski Rossi Bianchi Esposito Yilmaz Öztürk Saïdi Chérif Kerbrat Etcheverry Lacombe
    Castaing Berthelot Lagarde Pujol Bataille Lebrun Hamon Tessier Bouvier Chauvin Lemaître
    Camus Bouchet Poulain Gilbert Langlois Vallée Leblanc Millet Hoarau Payet Grondin Lebon
    Tanguy Pichon Besson Texier Maréchal Devaux Bigot Bailly Hervé Gomez Weber Klein Roussel
    Fischer Hoffmann Wagner Pasquier Tournier Chevallier Laporte Cordier Mallet Gros Delmas
    Jourdan Ollivier Godard Bousquet Lefort Salmon Bertin Riviere Rigaud Marin Cheval""".split()
NOMS_COMPOSES = [
    "Le Gall", "Le Roux", "Le Goff", "Le Bihan", "Le Floch", "Da Silva", "De Smet",
    "Van den Berghe", "Van Damme", "De Backer", "Dos Santos", "L'Hôte", "D'Almeida", "N'Diaye",
    "Le Corre", "Saint-Clair", "Duval-Leroy", "Martin-Dubois", "Garcia-Lopez", "Le Bris",
]  # fmt: skip

# Roles: (masculine, feminine, category), by kind of organisation.
ROLES = {
    "gouvernance": [
        ("président", "présidente"), ("vice-président", "vice-présidente"),
        ("trésorier", "trésorière"), ("secrétaire", "secrétaire"),
        ("administrateur", "administratrice"), ("coprésident", "coprésidente"),
    ],
    "direction": [
        ("directeur", "directrice"), ("coordinateur", "coordinatrice"),
        ("délégué général", "déléguée générale"), ("directeur adjoint", "directrice adjointe"),
    ],
    "direction_cooperative": [
        ("gérant", "gérante"), ("cogérant", "cogérante"), ("PDG", "PDG"),
        ("directeur général", "directrice générale"),
    ],
    "salarie": [
        ("chargé de développement", "chargée de développement"),
        ("chargé de mission", "chargée de mission"), ("animateur", "animatrice"),
        ("responsable de l'accompagnement", "responsable de l'accompagnement"),
        ("chargé de communication", "chargée de communication"), ("comptable", "comptable"),
        ("conseiller en insertion professionnelle", "conseillère en insertion professionnelle"),
        ("encadrant technique", "encadrante technique"),
        ("chargé d'accompagnement", "chargée d'accompagnement"),
    ],
    "salarie_cooperative": [
        ("associé salarié", "associée salariée"),
        ("entrepreneur-salarié", "entrepreneuse-salariée"),
        ("chef de projet", "cheffe de projet"), ("consultant", "consultante"),
    ],
    "fondation": [("fondateur", "fondatrice"), ("cofondateur", "cofondatrice")],
    "membre": [("bénévole", "bénévole"), ("adhérent", "adhérente"), ("sociétaire", "sociétaire")],
    "elu": [
        ("maire", "maire"),
        ("adjoint au maire chargé de l'ESS", "adjointe au maire chargée de l'ESS"),
        ("conseiller communautaire délégué à l'économie sociale",
         "conseillère communautaire déléguée à l'économie sociale"),
        ("vice-président chargé du développement économique",
         "vice-présidente chargée du développement économique"),
    ],
}  # fmt: skip
# The category (CategorieFonction) of each group of ROLES.
CATEGORIES_ROLES = {
    "gouvernance": "gouvernance",
    "direction": "direction",
    "direction_cooperative": "direction",
    "salarie": "salarie",
    "salarie_cooperative": "salarie",
    "fondation": "fondation",
    "membre": "membre",
    "elu": "elu",
}
# How often each group of roles is held, by kind of organisation.
ROLES_PAR_GENRE = {
    "association": {
        "gouvernance": 35, "direction": 20, "salarie": 30, "fondation": 5, "membre": 10,
    },
    "cooperative": {
        "direction_cooperative": 25, "salarie_cooperative": 30, "salarie": 15,
        "gouvernance": 10, "fondation": 10, "membre": 10,
    },
    "collectivite": {"elu": 70, "salarie": 30},
    "institution": {"direction": 30, "gouvernance": 40, "salarie": 30},
}  # fmt: skip

# {e} is "e" for a woman, {ne} "ne": "Formé{e}", "Ancien{ne} salarié{e}".
BIOGRAPHIES = [
    "Après {n} ans dans {secteur}, {prenom} rejoint l'économie sociale et solidaire en {annee}.",
    "Formé{e} à {formation}, {prenom} s'engage d'abord comme bénévole dans une association "
    "de quartier.",
    "{prenom} a participé à la création de plusieurs structures {de_commune}.",
    "Militant{e} de l'éducation populaire, {prenom} anime des formations sur la gouvernance "
    "partagée.",
    "{prenom} accompagne depuis {annee} les porteurs de projet {de_region}.",
    "Ancien{ne} salarié{e} dans {secteur}, {prenom} a repris son entreprise en SCOP avec ses "
    "collègues.",
    "Diplômé{e} en {formation}, {prenom} a travaillé {n} ans à l'étranger avant de revenir "
    "{a_commune}.",
]

# --- Kinds of organisation ------------------------------------------------------------------
# Each kind: its share of the directory, its legal forms by country, its kinds of activity
# (slug, probability), its themes, the group of ROLES_PAR_GENRE its people hold, the relations
# it can be the source of, its name templates and the sentences of its description (the first
# one opens it). "metier" in a template draws one of METIERS for the whole organisation.

PROFILS = {
    "association": {
        "poids": 44,
        "formes": {"FR": {"association": 97, "": 3}, "BE": {"asbl": 97, "": 3}},
        "types": [("tiers-lieu", 0.03)],
        "thematiques": [
            "culture", "education", "jeunesse", "emploi-insertion", "politique-de-la-ville",
            "services-a-la-personne", "habitat", "mobilite", "sante-prevoyance", "alimentation",
            "environnement", "solidarite-internationale", "numerique", "developpement-local",
        ],
        "genre": "association",
        "roles": [],
        "noms": [
            "Association {objet} {de_commune}", "{poetique}", "{poetique} {de_commune}",
            "Épicerie solidaire {poetique}", "Ressourcerie {lieu}", "Atelier vélo {poetique}",
            "Les Jardins partagés {de_commune}", "Régie de quartier {de_commune}",
            "Compagnie {poetique}", "Maison des initiatives {de_commune}",
            "Centre social {poetique}", "Repair café {de_commune}", "Les Amis {lieu}",
            "Les Jardins {lieu}", "Café associatif {poetique}", "Collectif {poetique}",
            "Association {objet} {lieu}",
        ],
        "phrases": [
            "{nom} accompagne {public} {a_commune} depuis {annee}.",
            "Créée en {annee} par des habitants {de_commune}, {nom} propose {activite} et "
            "{activite2}.",
            "Elle propose {activite}, {activite2} et {activite3}.",
            "Ses {n} bénévoles accompagnent en priorité {public}.",
            "{nom} anime la vie de quartier {de_commune} avec {activite}.",
        ],
    },
    "scop": {
        "poids": 7,
        "formes": {"FR": {"scop": 1}, "BE": {"cooperative": 1}},
        "types": [("bureau-d-etudes", 0.08), ("agence-de-communication", 0.05)],
        "thematiques": [],
        "genre": "cooperative",
        "roles": [],
        "noms": [
            "Les {metiers} {de_commune}", "SCOP {poetique}", "Atelier {poetique}",
            "{metiers} associés {lieu}", "Coopérative des {metiers_min} {lieu}",
            "{poetique} Coop",
        ],
        "phrases": [
            "Coopérative spécialisée en {metier}, {nom} réunit {n} salariés associés "
            "{a_commune}.",
            "Les salariés ont repris l'entreprise en {annee} sous forme de SCOP.",
            "Elle intervient auprès des particuliers, des collectivités et des bailleurs sociaux "
            "{de_dept}.",
            "Chaque salarié peut devenir associé après deux ans d'ancienneté.",
        ],
    },
    "scic": {
        "poids": 3,
        "formes": {"FR": {"scic": 1}, "BE": {"cooperative": 1}},
        "types": [("plateforme", 0.05)],
        "thematiques": ["energie", "alimentation", "habitat", "mobilite", "culture", "numerique"],
        "genre": "cooperative",
        "roles": [],
        "noms": [
            "SCIC {poetique}", "Énergies citoyennes {lieu}", "Coopérative {adjectif} {de_commune}",
            "Cuisine collective {poetique}", "Mobilités partagées {lieu}",
            "Habitat {adjectif_m} {de_dept}", "SCIC {pays_trad} Énergies",
        ],
        "phrases": [
            "Société coopérative d'intérêt collectif, {nom} associe salariés, usagers, bénévoles "
            "et collectivités {de_commune}.",
            "Ses {n} sociétaires décident ensemble des orientations de la coopérative.",
            "Elle a été fondée en {annee} pour répondre à un besoin du territoire {lieu}.",
        ],
    },
    "cae": {
        "poids": 1.5,
        "formes": {"FR": {"scop": 60, "scic": 40}, "BE": {"cooperative": 1}},
        "types": [("cae", 1)],
        "thematiques": ["entrepreneuriat", "emploi-insertion"],
        "genre": "cooperative",
        "roles": ["accompagnement"],
        "noms": [
            "Coopérative d'activités et d'emploi {poetique}", "CAE {de_region}",
            "Entreprendre ensemble {lieu}", "Coopérative d'entrepreneurs {de_dept}",
            "{poetique} Entreprendre",
        ],
        "phrases": [
            "Coopérative d'activités et d'emploi, {nom} accueille {n} entrepreneurs-salariés "
            "{de_dept}.",
            "Elle mutualise la comptabilité, l'administration et l'assurance de ses membres.",
            "Les entrepreneurs testent leur activité en toute sécurité avant de devenir associés.",
        ],
    },
    "accompagnement": {
        "poids": 3,
        "formes": {
            "FR": {"association": 70, "scic": 15, "organisme_public": 10, "sas": 5},
            "BE": {"asbl": 80, "cooperative": 20},
        },
        "types": [("structure-accompagnement", 1), ("incubateur", 0.4), ("generateur", 0.1)],
        "thematiques": [
            "entrepreneuriat", "innovation-sociale", "developpement-local", "emploi-insertion",
        ],
        "genre": "association",
        "roles": ["accompagnement", "soutien"],
        "noms": [
            "Incubateur {poetique}", "Pôle d'économie solidaire {lieu}",
            "Maison de l'ESS {de_commune}", "Fabrique à initiatives {de_region}",
            "Boutique de gestion {de_dept}", "Générateur {lieu}",
            "Agence de développement de l'ESS {de_dept}", "Couveuse {poetique}",
            "Pépinière d'entreprises solidaires {de_commune}",
        ],
        "phrases": [
            "{nom} accompagne les porteurs de projet de l'économie sociale et solidaire "
            "{de_dept}, de l'idée à la création.",
            "Son parcours d'incubation dure douze mois et combine formation collective et suivi "
            "individuel.",
            "Depuis {annee}, {n} projets ont été accompagnés, dont une majorité de coopératives "
            "et d'associations employeuses.",
            "Elle anime un réseau de {n} bénévoles experts, chefs d'entreprise et élus.",
        ],
    },
    "reseau": {
        "poids": 0.5,
        "formes": {"FR": {"association": 85, "non_constituee": 15}, "BE": {"asbl": 1}},
        "types": [("reseau", 0.6), ("federation", 0.3), ("consortium", 0.1)],
        "thematiques": ["developpement-local", "innovation-sociale", "entrepreneuriat"],
        "genre": "association",
        "roles": ["coordination", "accompagnement"],
        "noms": [
            "Collectif {poetique}", "Coordination des {acteurs} {lieu}", "Consortium {poetique}",
        ],
        "phrases": [
            "{nom} fédère {n} {acteurs} et porte leur voix auprès des pouvoirs publics.",
            "Le réseau organise chaque année des rencontres, des formations et des échanges de "
            "pratiques.",
            "Il accompagne ses membres dans leur structuration et leur développement.",
        ],
    },
    "tiers_lieu": {
        "poids": 3,
        "formes": {
            "FR": {"association": 60, "scic": 30, "sas": 10},
            "BE": {"asbl": 70, "cooperative": 30},
        },
        "types": [("tiers-lieu", 1)],
        "thematiques": [
            "culture", "numerique", "developpement-local", "innovation-sociale", "alimentation",
        ],
        "genre": "association",
        "roles": ["hebergement"],
        "noms": [
            "La Friche {lieu}", "La Manufacture {de_commune}", "La Halle {lieu}",
            "L'Ancienne Gare {de_commune}", "Tiers-lieu {poetique}", "{poetique} – tiers-lieu",
            "La Fabrique {de_commune}", "Le Quai {lieu}",
        ],
        "phrases": [
            "Tiers-lieu installé dans une ancienne usine {de_commune}, {nom} accueille un espace "
            "de coworking, un fablab et un café.",
            "Le lieu héberge {n} structures de l'économie sociale et solidaire.",
            "Sa programmation culturelle attire chaque année des milliers de visiteurs.",
        ],
    },
    "financeur": {
        "poids": 1,
        "formes": {
            "FR": {"association": 40, "fondation": 20, "cooperative": 40},
            "BE": {"asbl": 50, "cooperative": 50},
        },
        "types": [("financeur", 1), ("plateforme", 0.2)],
        "thematiques": ["finance-solidaire", "entrepreneuriat"],
        "genre": "institution",
        "roles": ["financement", "soutien"],
        "noms": [
            "Fonds solidaire {de_region}", "Caisse solidaire {de_dept}",
            "Club d'investisseurs solidaires {de_commune}", "Plateforme de prêts solidaires "
            "{poetique}", "Garantie solidaire {de_dept}", "Épargne citoyenne {lieu}",
        ],
        "phrases": [
            "{nom} finance les entreprises de l'ESS {de_region} par des prêts d'honneur et des "
            "garanties bancaires.",
            "En {annee}, elle a engagé {montant} euros auprès de {n} structures.",
            "Ses financements sont adossés à l'épargne solidaire de particuliers.",
        ],
    },
    "collectivite": {
        "poids": 2,
        "formes": {"FR": {"collectivite": 1}, "BE": {"collectivite": 1}},
        "types": [],
        "thematiques": ["developpement-local", "politique-de-la-ville", "emploi-insertion"],
        "genre": "collectivite",
        "roles": ["soutien", "financement", "pilotage"],
        "noms": [
            "Communauté de communes {lieu}", "Communauté d'agglomération {de_commune}",
            "Syndicat mixte {lieu}", "Pôle d'équilibre territorial {lieu}",
        ],
        "phrases": [
            "La collectivité soutient l'économie sociale et solidaire par des appels à projets "
            "et des marchés publics responsables.",
            "Son plan local pour l'ESS a été adopté en {annee}.",
            "Elle met des locaux à la disposition des associations du territoire.",
        ],
    },
    "mutuelle": {
        "poids": 1,
        "formes": {"FR": {"mutuelle": 1}, "BE": {"mutuelle": 1}},
        "types": [],
        "thematiques": ["sante-prevoyance"],
        "genre": "institution",
        "roles": ["soutien"],
        "noms": [
            "Mutuelle {adjectif} {de_region}", "Mutuelle des {metiers_min}",
            "Mutuelle {poetique}", "Union mutualiste {de_dept}",
        ],
        "phrases": [
            "Mutuelle de santé et de prévoyance, {nom} protège {n} adhérents {de_region}.",
            "Elle soutient des actions de prévention menées par des associations locales.",
        ],
    },
    "entreprise": {
        "poids": 4,
        "formes": {"FR": {"sas": 50, "sarl": 40, "sa": 10}, "BE": {"sa": 50, "autre": 50}},
        "types": [
            ("agence-de-communication", 0.1), ("bureau-d-etudes", 0.1), ("media", 0.05),
            ("plateforme", 0.05),
        ],
        "thematiques": ["emploi-insertion"],
        "genre": "cooperative",
        "roles": [],
        "noms": [
            "{poetique} Services", "Entreprise d'insertion {poetique}", "{metiers} {de_commune}",
            "{poetique} Solutions", "Entreprise adaptée {lieu}",
        ],
        "phrases": [
            "Entreprise solidaire d'utilité sociale spécialisée en {metier}, {nom} emploie {n} "
            "salariés.",
            "Agréée ESUS depuis {annee}, elle réinvestit l'essentiel de ses bénéfices.",
            "Elle recrute en priorité des personnes éloignées de l'emploi {de_commune}.",
        ],
    },
    "ptce": {
        "poids": 0.5,
        "formes": {
            "FR": {"non_constituee": 40, "association": 40, "scic": 20},
            "BE": {"asbl": 1},
        },
        "types": [("ptce", 1)],
        "thematiques": ["developpement-local", "innovation-sociale"],
        "genre": "association",
        "roles": ["coordination", "pilotage"],
        "noms": [
            "PTCE {poetique}", "Pôle territorial de coopération économique {lieu}",
            "Cluster {adjectif_m} {de_dept}", "Pôle {pays_trad} Coopérations",
        ],
        "phrases": [
            "Pôle territorial de coopération économique, {nom} réunit entreprises de l'ESS, "
            "collectivités et laboratoires de recherche {de_dept}.",
            "Ses membres mutualisent des locaux, des emplois et un service de restauration.",
        ],
    },
    "fondation": {
        "poids": 0.7,
        "formes": {"FR": {"fondation": 1}, "BE": {"fondation": 1}},
        "types": [("financeur", 0.5)],
        "thematiques": [],
        "genre": "institution",
        "roles": ["financement", "soutien"],
        "noms": [
            "Fondation {poetique}", "Fondation {prenom} {nom_famille}",
            "Fonds de dotation {poetique}",
        ],
        "phrases": [
            "La fondation soutient des projets d'innovation sociale {de_region}.",
            "Elle a été créée en {annee} grâce au legs de son fondateur.",
        ],
    },
    "media": {
        "poids": 0.7,
        "formes": {"FR": {"association": 60, "scic": 40}, "BE": {"asbl": 1}},
        "types": [("media", 1)],
        "thematiques": ["culture", "communication"],
        "genre": "association",
        "roles": [],
        "noms": [
            "Radio {poetique}", "Le Journal {de_commune}", "Télé {poetique}", "{poetique} Média",
        ],
        "phrases": [
            "Média local et indépendant, {nom} raconte la vie {de_commune} en reportages, "
            "podcasts et ateliers d'éducation aux médias.",
        ],
    },
    "enseignement": {
        "poids": 0.5,
        "formes": {"FR": {"organisme_public": 50, "association": 50}, "BE": {"asbl": 1}},
        "types": [("etablissement-enseignement", 1)],
        "thematiques": ["formation", "education"],
        "genre": "institution",
        "roles": [],
        "noms": [
            "Université populaire {de_commune}", "Lycée professionnel {prenom} {nom_famille}",
            "École de production {lieu}", "Institut de formation {adjectif_m} {de_region}",
        ],
        "phrases": [
            "L'établissement forme chaque année {n} apprenants et propose un module sur "
            "l'économie sociale et solidaire.",
        ],
    },
}  # fmt: skip

# Sentences any description may end with.
PHRASES_COMMUNES = [
    "Son siège est situé {a_commune}.",
    "{nom} est membre de plusieurs réseaux de l'économie sociale et solidaire.",
    "Elle intervient {lieu} et dans tout le département.",
    "Ses comptes et son rapport d'activité sont publiés chaque année.",
]

# Networks and federations, by reach: they gather the members of the directory's networks.
NOMS_TETES = {
    "national": [
        "Fédération nationale des {acteurs}", "Réseau national des {acteurs}",
        "Union nationale des {acteurs}", "Mouvement des {acteurs}",
        "Coordination nationale des {acteurs}",
    ],
    "regional": [
        "Réseau des {acteurs} {de_region}", "Union régionale des {acteurs} {de_region}",
        "Fédération régionale des {acteurs} {de_region}", "Collectif des {acteurs} {de_region}",
        "Inter-réseau de l'ESS {de_region}",
    ],
    "departemental": [
        "Fédération départementale des {acteurs} {de_dept}", "Réseau des {acteurs} {de_dept}",
        "Collectif des {acteurs} {de_dept}", "Consortium {poetique}",
    ],
}  # fmt: skip

# A key figure's label and the (lognormal) scale of its value, by kind of organisation.
CHIFFRES = {
    "association": [("adhérents", 4.5), ("bénévoles", 3), ("salariés", 1.5), ("budget annuel "
                    "(euros)", 11.5)],
    "cooperative": [("salariés", 2.2), ("associés", 2), ("chiffre d'affaires (euros)", 13.5)],
    "collectivite": [("habitants", 9.5), ("budget consacré à l'ESS (euros)", 11)],
    "institution": [("salariés", 3), ("adhérents", 8), ("montant engagé (euros)", 13)],
}  # fmt: skip

# --- Programmes -----------------------------------------------------------------------------

NATURES_DISPOSITIFS = {
    "incubation": (20, ["Incubateur {poetique}", "Programme d'incubation {lieu}",
                        "Incubateur ESS {de_dept}"]),
    "accompagnement_creation": (20, ["Parcours {poetique}", "Cap Création {de_commune}",
                                     "Entreprendre autrement {lieu}", "Déclic {de_region}"]),
    "financement_participatif": (5, ["Plateforme {poetique}", "Graines de projets {lieu}"]),
    "financement": (12, ["Fonds d'amorçage {poetique}", "Prêt d'honneur solidaire {de_dept}",
                         "Fonds de confiance {de_region}"]),
    "generateur": (5, ["Fabrique à initiatives {lieu}",
                       "Générateur d'entreprises sociales {de_dept}"]),
    "formation": (12, ["Créer en coopérative {lieu}", "Université d'été de l'ESS {de_region}",
                       "Cycle de formation {poetique}"]),
    "rencontre": (8, ["Rencontres de l'ESS {de_commune}",
                      "Forum des initiatives solidaires {de_dept}", "Mois de l'ESS {de_region}"]),
    "appel_a_projets": (10, ["Appel à projets ESS {de_dept}",
                             "Trophées de l'innovation sociale {de_region}",
                             "Appel à initiatives citoyennes {lieu}"]),
    "accueil": (5, ["Permanence des porteurs de projet {de_commune}",
                    "Point d'information ESS {de_commune}"]),
    "outil": (2, ["Guide {poetique}", "Boîte à outils de la coopération {lieu}"]),
    "autre": (1, ["Programme {poetique}"]),
}  # fmt: skip
PUBLICS_DISPOSITIFS = [
    "Porteurs de projet de l'économie sociale et solidaire {de_dept}.",
    "Associations employeuses et coopératives en création.",
    "Demandeurs d'emploi souhaitant créer leur activité.",
    "Jeunes de moins de 30 ans {de_region}.",
    "Collectifs d'habitants et associations de quartier.",
]
ETAPES_DISPOSITIFS = [
    "Accueil et diagnostic ; formation collective ; accompagnement individuel ; recherche de "
    "financements ; suivi après la création.",
    "Candidature ; comité de sélection ; incubation de douze mois ; sortie.",
    "Idéation ; étude d'opportunité ; étude de faisabilité ; création.",
    "",
]
PHRASES_DISPOSITIFS = [
    "{nom} accompagne chaque année {n} projets {de_dept}.",
    "Le dispositif accompagne en priorité {public}.",
    "Il a été lancé en {annee} avec le soutien des collectivités {de_region}.",
    "Les projets accompagnés relèvent de l'alimentation durable, du réemploi, de la culture et "
    "des services de proximité.",
]
CHIFFRES_DISPOSITIFS = [
    ("projets accompagnés", 3), ("porteurs de projet accueillis", 4), ("emplois créés", 3),
    ("montant collecté (euros)", 11), ("participants", 4.5),
]  # fmt: skip

# --- Reference data, reused when the database has it (matched by slug or name) -------------

THEMATIQUES = [
    ("btp", "Bâtiment et travaux publics"), ("communication", "Communication"),
    ("conseil", "Conseil et études"), ("culture", "Culture"),
    ("developpement-local", "Développement local et coopération territoriale"),
    ("education", "Éducation"), ("emploi-insertion", "Emploi et insertion"),
    ("energie", "Énergie"), ("entrepreneuriat", "Entrepreneuriat social et collectif"),
    ("finance-solidaire", "Finance solidaire"), ("formation", "Formation"),
    ("habitat", "Habitat"), ("industries-creatives", "Industries créatives"),
    ("innovation-sociale", "Innovation sociale"), ("jeunesse", "Jeunesse"),
    ("livraison", "Livraison et logistique"), ("mobilite", "Mobilité"),
    ("numerique", "Numérique"), ("politique-de-la-ville", "Politique de la ville"),
    ("sante-prevoyance", "Santé et prévoyance"),
    ("services-a-la-personne", "Services à la personne"),
    ("alimentation", "Alimentation et circuits courts"),
    ("environnement", "Environnement et réemploi"),
    ("solidarite-internationale", "Solidarité internationale"),
]  # fmt: skip
TYPES_ACTIVITE = [
    ("agence-de-communication", "Agence de communication"),
    ("bureau-d-etudes", "Bureau d'études et de conseil"),
    ("cae", "Coopérative d'activité et d'emploi (CAE)"), ("chambre-ess", "Chambre de l'ESS"),
    ("consortium", "Consortium"), ("etablissement-enseignement", "École ou enseignement supérieur"),
    ("federation", "Fédération"), ("financeur", "Financeur"),
    ("fournisseur-energie", "Fournisseur d'énergie"),
    ("generateur", "Générateur d'entreprises sociales"), ("incubateur", "Incubateur"),
    ("media", "Média"), ("plateforme", "Plateforme"),
    ("ptce", "Pôle territorial de coopération économique (PTCE)"), ("reseau", "Réseau"),
    ("structure-accompagnement", "Structure d'accompagnement"), ("tiers-lieu", "Tiers-lieu"),
]  # fmt: skip
