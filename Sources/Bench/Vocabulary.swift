/// Word lists for generated keys, values and prose. Fixed lists, so generation needs no download
/// and a seed gives the same text everywhere.
enum Vocabulary {
    /// Adjectives for adjective-noun keys (RULER style, e.g. `wandering-heron`).
    static let keyAdjectives = [
        "wandering", "silent", "amber", "brisk", "crimson", "distant", "eager", "frosty", "gentle", "hollow",
        "idle", "jagged", "keen", "lucid", "mellow", "nimble", "opal", "placid", "quiet", "rustic",
        "scarlet", "tawny", "umber", "vivid", "wistful", "young", "zealous", "ancient", "bold", "cobalt",
        "dusky", "elegant", "fallow", "gilded", "hazy", "ivory", "jovial", "lively", "misty", "noble",
    ]
    /// Nouns for adjective-noun keys.
    static let keyNouns = [
        "heron", "lantern", "meadow", "harbor", "falcon", "orchard", "compass", "glacier", "willow", "beacon",
        "canyon", "thistle", "sparrow", "quarry", "pebble", "citadel", "marsh", "badger", "ferry", "comet",
        "dune", "otter", "anvil", "garnet", "hamlet", "juniper", "kestrel", "lagoon", "maple", "nectar",
        "oriole", "prairie", "quill", "raven", "saddle", "tundra", "urchin", "vessel", "walrus", "yarrow",
    ]
    /// Words used as needle values when values are words.
    static let valueWords = [
        "apricot", "bramble", "cinnamon", "driftwood", "eucalyptus", "fjord", "gazebo", "hibiscus", "igloo", "jasmine",
        "kaleidoscope", "labyrinth", "mandolin", "nutmeg", "obelisk", "pagoda", "quartz", "rhubarb", "saffron", "trombone",
        "ukulele", "velvet", "wasabi", "xylophone", "yodel", "zeppelin", "almanac", "biscuit", "carousel", "dervish",
        "emerald", "flamingo", "gondola", "harmonica", "indigo", "jackal", "kumquat", "lilac", "marzipan", "nebula",
        "origami", "paprika", "quokka", "rosemary", "sequoia", "tangerine", "umbrella", "vanilla", "walnut", "zucchini",
    ]

    /// RULER's noise haystack sentences.
    static let noiseSentences = [
        "The grass is green.", "The sky is blue.", "The sun is yellow.", "Here we go.", "There and back again.",
    ]

    static let names = [
        "Ada", "Bruno", "Clara", "Dmitri", "Elena", "Farid", "Greta", "Hugo", "Ines", "Jonas", "Keiko", "Lars",
        "Mira", "Nils", "Olga", "Pablo", "Quinn", "Rosa", "Sami", "Tove", "Umar", "Vera", "Wim", "Yara",
    ]
    static let places = [
        "the valley", "the old town", "the harbour district", "the northern hills", "the market square",
        "the library", "the river bend", "the mill", "the station", "the orchard road", "the lighthouse",
    ]
    static let proseNouns = [
        "baker", "river", "clock", "garden", "ship", "letter", "bridge", "teacher", "storm", "window", "road",
        "painter", "wagon", "bell", "fisherman", "kettle", "forest", "violin", "map", "candle", "stranger", "fence",
    ]
    static let proseAdjectives = [
        "quiet", "old", "bright", "heavy", "narrow", "warm", "tired", "curious", "broad", "pale", "steady",
        "strange", "careful", "restless", "simple", "crooked", "golden", "patient",
    ]
    static let pastVerbs = [
        "crossed", "watched", "repaired", "followed", "painted", "carried", "remembered", "opened", "passed",
        "visited", "found", "left", "measured", "described", "waited for", "cleaned",
    ]
    static let baseVerbs = ["move", "change", "sing", "travel", "rest", "wait", "turn", "return", "settle", "wander"]
    static let presentVerbs = ["rings", "changes", "sleeps", "turns", "waits", "shines", "listens", "returns"]
    static let adverbs = ["slowly", "quickly", "quietly", "carefully", "gladly", "early", "late", "again", "at last"]
    static let times = [
        "in the morning", "before noon", "after the rain", "at dusk", "on Sunday", "during the winter",
        "that evening", "the next day", "in early spring",
    ]
    static let prepositions = ["near", "behind", "across", "beside", "under", "beyond", "toward", "past"]
    static let timeUnits = ["hour", "morning", "week", "season", "evening", "year"]
}
