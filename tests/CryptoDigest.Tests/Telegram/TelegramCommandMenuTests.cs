using CryptoDigest.Chat;
using CryptoDigest.Telegram;
using Telegram.Bot.Types;

namespace CryptoDigest.Tests.Telegram;

/// <summary>The command menus set at start: every scope without a language and once per other shipped language, with Telegram's two-letter codes.</summary>
public class TelegramCommandMenuTests
{
    [Fact]
    public void Every_scope_has_a_menu_without_a_language_and_one_per_other_shipped_language()
    {
        var menus = TelegramStartupService.CommandMenus().ToList();

        Assert.Equal(24, menus.Count);
        Assert.Equal([null, "es", "pt", "ru", "tr", "zh"], menus.Select(m => m.LanguageCode).Distinct());
        Assert.All(menus.GroupBy(m => m.LanguageCode), g => Assert.Equal(4, g.Select(m => m.Scope.Type).Distinct().Count()));
    }

    [Theory]
    [InlineData("es", "Por qué llegó o no llegó aquí el resumen diario (administradores)")]
    [InlineData("pt", null)]
    [InlineData("zh", null)]
    public void A_languages_menu_has_its_descriptions_and_the_commands_as_typed(string code, string? statusDescription)
    {
        var menu = TelegramStartupService.CommandMenus().Single(m => m.LanguageCode == code && m.Scope is BotCommandScopeAllPrivateChats).Commands;
        var english = TelegramStartupService.CommandMenus().Single(m => m.LanguageCode is null && m.Scope is BotCommandScopeAllPrivateChats).Commands;

        Assert.Equal(ChatCommands.All.Select(c => c.Name), menu.Select(c => c.Command));
        Assert.All(menu.Zip(english), pair => Assert.NotEqual(pair.Second.Description, pair.First.Description));
        Assert.All(menu, c => Assert.InRange(c.Description.Length, 1, 256));
        if (statusDescription is not null)
        {
            Assert.Equal(statusDescription, menu.Single(c => c.Command == "status").Description);
        }
    }

    [Theory]
    [InlineData("es", "es")]
    [InlineData("pt-BR", "pt")]
    [InlineData("ru", "ru")]
    [InlineData("tr", "tr")]
    [InlineData("zh-Hans", "zh")]
    public void Shipped_languages_map_to_two_letter_codes(string language, string code) =>
        Assert.Equal(code, TelegramStartupService.LanguageCode(language));
}
