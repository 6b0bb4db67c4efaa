using CryptoDigest.Replies;

namespace CryptoDigest.Discord;

/// <summary>
/// The Discord locales each shipped language is offered in (https://discord.com/developers/docs/reference#locales):
/// Spanish for Spain and Latin America (es-ES, es-419), pt-BR, ru, tr and Simplified Chinese as zh-CN. A command's
/// description_localizations are built from these, so a member whose client is in one of them sees the menu in it.
/// </summary>
public static class DiscordLocales
{
    /// <summary>Each Discord locale with the shipped language whose texts it shows.</summary>
    public static IReadOnlyList<(string Locale, string Language)> Shipped { get; } =
    [
        ("es-ES", "es"),
        ("es-419", "es"),
        ("pt-BR", "pt-BR"),
        ("ru", "ru"),
        ("tr", "tr"),
        ("zh-CN", "zh-Hans"),
    ];

    /// <summary>A text per Discord locale from the shipped language's resources, e.g. a command's description.</summary>
    public static IReadOnlyDictionary<string, string> Localize(Func<ReplyTexts, string> text) =>
        Shipped.ToDictionary(l => l.Locale, l => text(ReplyTexts.For(l.Language)), StringComparer.Ordinal);
}
