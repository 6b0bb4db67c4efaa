using System.Collections.Concurrent;
using System.Globalization;
using Microsoft.Extensions.Localization;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace CryptoDigest.Replies;

/// <summary>
/// The bot's fixed texts (replies, headings, /help, refusals, the brief's labels) in one language: ReplyTexts.resx
/// in English and ReplyTexts.{code}.resx per shipped language, read through <see cref="IStringLocalizer"/>.
/// A reply's language is passed explicitly (<see cref="For"/>), never taken from the thread's culture, so a
/// broadcast that builds replies for chats in several languages at once cannot mix them up.
/// </summary>
public sealed class ReplyTexts
{
    // The resources are embedded and never change, so one localizer serves the process.
    private static readonly IStringLocalizer Localizer =
        new ResourceManagerStringLocalizerFactory(Options.Create(new LocalizationOptions()), NullLoggerFactory.Instance).Create(typeof(ReplyTexts));

    private static readonly ConcurrentDictionary<string, ReplyTexts> Languages = new(StringComparer.OrdinalIgnoreCase);

    private ReplyTexts(CultureInfo culture) => Culture = culture;

    /// <summary>English, the neutral resources.</summary>
    public static ReplyTexts English { get; } = new(CultureInfo.GetCultureInfo("en"));

    /// <summary>The culture the texts are in.</summary>
    public CultureInfo Culture { get; }

    /// <summary>The texts in a language by its code (en, es, pt-BR, ...); English for null or a code .NET does not know.</summary>
    public static ReplyTexts For(string? language)
    {
        if (string.IsNullOrWhiteSpace(language) || language.Equals("en", StringComparison.OrdinalIgnoreCase))
        {
            return English;
        }

        return Languages.GetOrAdd(language, code =>
        {
            try
            {
                return new ReplyTexts(CultureInfo.GetCultureInfo(code));
            }
            catch (CultureNotFoundException)
            {
                return English;
            }
        });
    }

    /// <summary>The text of a key, without placeholders filled.</summary>
    public string this[string key] => Lookup(key, out _);

    /// <summary>The text of a key, or null when no resource has it (for texts only some entries carry, e.g. a command's example).</summary>
    public string? Find(string key)
    {
        var text = Lookup(key, out var found);
        return found ? text : null;
    }

    /// <summary>The text of a key with its placeholders filled; numbers formatted without group separators, so they read the same everywhere.</summary>
    public string Format(string key, params object?[] arguments) => string.Format(Culture, Lookup(key, out _), arguments);

    /// <summary>"One" or "Many" variant of a key by a count ("Brief.Stories.One", "Brief.Stories.Many"), filled with the count first.</summary>
    public string Count(string key, int count, params object?[] more) =>
        Format(key + (count == 1 ? ".One" : ".Many"), [count, .. more]);

    private string Lookup(string key, out bool found)
    {
        // IStringLocalizer reads the current UI culture: set it for this synchronous lookup only and restore it,
        // so nothing ambient leaks to the caller or across the awaits of a broadcast.
        var previous = CultureInfo.CurrentUICulture;
        CultureInfo.CurrentUICulture = Culture;
        try
        {
            var text = Localizer[key];
            found = !text.ResourceNotFound;
            return text.Value;
        }
        finally
        {
            CultureInfo.CurrentUICulture = previous;
        }
    }
}
