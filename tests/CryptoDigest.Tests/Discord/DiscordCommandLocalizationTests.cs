using System.Text.Json;
using CryptoDigest.Discord;
using CryptoDigest.Replies;

namespace CryptoDigest.Tests.Discord;

/// <summary>Slash commands carry description_localizations for every shipped language's Discord locales, options too, within Discord's 100 characters.</summary>
public class DiscordCommandLocalizationTests
{
    private static readonly string[] Locales = ["es-ES", "es-419", "pt-BR", "ru", "tr", "zh-CN"];

    [Fact]
    public void Every_command_and_option_has_a_description_per_locale_within_discords_limit()
    {
        foreach (var command in DiscordApplicationCommands.All)
        {
            Assert.Equal(Locales, command.DescriptionLocalizations!.Keys);
            Assert.All(command.DescriptionLocalizations.Values, d => Assert.InRange(d.Length, 1, 100));
            Assert.DoesNotContain(command.Description, command.DescriptionLocalizations.Values);
            foreach (var option in command.Options ?? [])
            {
                Assert.Equal(Locales, option.DescriptionLocalizations!.Keys);
                Assert.All(option.DescriptionLocalizations.Values, d => Assert.InRange(d.Length, 1, 100));
                Assert.DoesNotContain(option.Description, option.DescriptionLocalizations.Values);
            }
        }
    }

    [Fact]
    public void The_json_carries_spanish_and_chinese_descriptions_for_commands_and_options()
    {
        var json = JsonSerializer.SerializeToElement(DiscordApplicationCommands.All, DiscordJson.Options);

        var search = json.EnumerateArray().Single(c => c.GetProperty("name").GetString() == "search");
        Assert.Equal(ReplyTexts.For("es")["Command.search.Description"], search.GetProperty("description_localizations").GetProperty("es-ES").GetString());
        Assert.Equal(ReplyTexts.For("zh-Hans")["Command.search.Description"], search.GetProperty("description_localizations").GetProperty("zh-CN").GetString());
        var words = search.GetProperty("options")[0];
        Assert.Equal("Words to find in newsletter issues; add source:<name> or days:<n> to narrow", words.GetProperty("description").GetString());
        Assert.Equal(
            "Palabras que buscar en los boletines; añade source:<nombre> o days:<n> para acotar",
            words.GetProperty("description_localizations").GetProperty("es-419").GetString());
    }
}
