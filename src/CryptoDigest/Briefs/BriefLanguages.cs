namespace CryptoDigest.Briefs;

/// <summary>
/// The languages a chat may choose for its brief, as BCP 47 codes, and the mapping from what the
/// platforms report (Telegram's language_code of a user, Discord's guild preferred_locale) to one of them.
/// </summary>
public static class BriefLanguages
{
    public const string Default = "en";

    /// <summary>Every shipped language, in the order /settings lists them.</summary>
    public static IReadOnlyList<string> Shipped { get; } = ["en", "es", "pt-BR", "ru", "tr", "zh-Hans"];

    /// <summary>The language's own name, for the settings display and buttons.</summary>
    public static string NativeName(string code) => code switch
    {
        "es" => "Español",
        "pt-BR" => "Português (Brasil)",
        "ru" => "Русский",
        "tr" => "Türkçe",
        "zh-Hans" => "简体中文",
        _ => "English",
    };

    /// <summary>The language's name in English, as a prompt names it ("Write in Spanish.").</summary>
    public static string EnglishName(string code) => code switch
    {
        "es" => "Spanish",
        "pt-BR" => "Brazilian Portuguese",
        "ru" => "Russian",
        "tr" => "Turkish",
        "zh-Hans" => "Simplified Chinese",
        _ => "English",
    };

    /// <summary>A shipped language's canonical code for what a member typed (any case, "pt-br", "zh-cn"), or null when it is not shipped.</summary>
    public static string? Find(string? code)
    {
        if (string.IsNullOrWhiteSpace(code) || code.Length > 20)
        {
            return null;
        }

        var exact = Shipped.FirstOrDefault(s => s.Equals(code.Trim().Replace('_', '-'), StringComparison.OrdinalIgnoreCase));
        return exact ?? Regional(code.Trim().Replace('_', '-').ToLowerInvariant());
    }

    /// <summary>The default for a new subscription from the platform's locale; English when the platform says nothing or a language not shipped.</summary>
    public static string FromPlatform(string? locale) => Find(locale) ?? Default;

    // Regional and script variants the platforms send: Telegram "pt-br", "zh-hans"; Discord "es-ES", "zh-CN", "en-US".
    private static string? Regional(string code) => code switch
    {
        "pt" or "pt-pt" or "pt-br" => "pt-BR",
        "zh" or "zh-cn" or "zh-sg" or "zh-hans" or "zh-hans-cn" => "zh-Hans",
        _ when code.Split('-')[0] is var language && Shipped.Contains(language) => language,
        _ => null,
    };
}
