using System.Collections;
using System.Globalization;
using System.Resources;
using System.Text.RegularExpressions;
using CryptoDigest.Briefs;
using CryptoDigest.Chat;
using CryptoDigest.Replies;

namespace CryptoDigest.Tests.Replies;

/// <summary>
/// The fixed texts ship complete: every key of the English resources in every shipped language's satellite
/// assembly, not empty, with the same placeholders; and every command, theme and day has its keys.
/// </summary>
public partial class ReplyTextsTests
{
    private static readonly ResourceManager Resources = new("CryptoDigest.Replies.ReplyTexts", typeof(ReplyTexts).Assembly);

    public static TheoryData<string> OtherLanguages => [.. BriefLanguages.Shipped.Where(l => l != BriefLanguages.Default)];

    [Theory]
    [MemberData(nameof(OtherLanguages))]
    public void Every_key_is_translated_with_the_same_placeholders(string language)
    {
        // Arrange: the language's own resources only, no fallback to English.
        var english = Entries(CultureInfo.InvariantCulture);
        var translated = Entries(CultureInfo.GetCultureInfo(language));

        // Act
        var missing = english.Keys.Where(k => !translated.TryGetValue(k, out var text) || string.IsNullOrWhiteSpace(text)).ToList();
        var extra = translated.Keys.Except(english.Keys).ToList();
        var mismatched = english.Keys.Where(translated.ContainsKey)
            .Where(k => !Placeholders(english[k]).SequenceEqual(Placeholders(translated[k])))
            .ToList();

        // Assert
        Assert.True(english.Count > 90, $"Only {english.Count} English texts were found: is ReplyTexts.resx embedded?");
        Assert.True(missing is [], $"Missing in {language}: {string.Join(", ", missing)}");
        Assert.True(extra is [], $"In {language} but not in English: {string.Join(", ", extra)}");
        Assert.True(mismatched is [], $"Placeholders differ from English in {language}: {string.Join(", ", mismatched)}");
    }

    [Fact]
    public void Every_command_has_its_description_arguments_and_refusal_in_the_resources()
    {
        var english = Entries(CultureInfo.InvariantCulture);

        var wanted = ChatCommands.All.SelectMany(c => new[]
        {
            $"Command.{c.Name}.Description",
            c.Arguments.Length > 0 ? $"Command.{c.Name}.Arguments" : null,
            c.AdminRule is null ? null : $"Command.{c.Name}.Refusal",
        }).OfType<string>();

        var missing = wanted.Where(k => !english.ContainsKey(k)).ToList();
        Assert.True(missing is [], "Missing in ReplyTexts.resx: " + string.Join(", ", missing));
    }

    [Fact]
    public void English_resources_say_what_the_commands_declare()
    {
        var english = ReplyTexts.English;

        Assert.All(ChatCommands.All, c =>
        {
            Assert.Equal(c.Description, c.DescriptionIn(english));
            Assert.Equal(c.Usage, c.UsageIn(english));
            Assert.Equal(c.Example, c.ExampleIn(english));
            Assert.Equal(c.AdminRule?.Refusal, c.RefusalIn(english));
        });
    }

    [Fact]
    public void Every_theme_and_weekday_has_a_text()
    {
        var english = Entries(CultureInfo.InvariantCulture);

        Assert.All(ThemeClassifier.ThemeNames, theme => Assert.Equal(theme, BriefReplyBuilder.ThemeHeading(theme, ReplyTexts.English)));
        Assert.All(Enum.GetValues<DayOfWeek>(), day => Assert.True(english.ContainsKey($"Day.{day}"), $"Day.{day}"));
    }

    [Fact]
    public void A_language_is_passed_explicitly_and_the_threads_culture_is_left_as_it_was()
    {
        var before = CultureInfo.CurrentUICulture;

        var spanish = ReplyTexts.For("es")["Help.Heading"];
        var chinese = ReplyTexts.For("zh-Hans")["Help.Heading"];

        Assert.Equal("Comandos", spanish);
        Assert.Equal("命令", chinese);
        Assert.Equal("Commands", ReplyTexts.For("xx-unknown")["Help.Heading"]);
        Assert.Equal(before, CultureInfo.CurrentUICulture);
    }

    private static Dictionary<string, string> Entries(CultureInfo culture)
    {
        var set = Resources.GetResourceSet(culture, createIfNotExists: true, tryParents: false)
            ?? throw new InvalidOperationException($"No resources for {culture.Name}: the satellite assembly is missing.");
        return set.Cast<DictionaryEntry>().ToDictionary(e => (string)e.Key, e => (string)e.Value!, StringComparer.Ordinal);
    }

    private static List<string> Placeholders(string text) =>
        Placeholder().Matches(text).Select(m => m.Value).Distinct().Order(StringComparer.Ordinal).ToList();

    [GeneratedRegex(@"\{\d+(:[^}]*)?\}", RegexOptions.None, matchTimeoutMilliseconds: 1000)]
    private static partial Regex Placeholder();
}
