using CryptoDigest.Briefs;
using CryptoDigest.Chat;
using CryptoDigest.Replies;
using CryptoDigest.Telemetry;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Telegram.Bot;
using Telegram.Bot.Exceptions;
using Telegram.Bot.Types;

namespace CryptoDigest.Telegram;

/// <summary>
/// What the bot tells Telegram once at start: who it is (getMe), its command menus for private chats,
/// groups and group admins in every shipped language (setMyCommands), and in webhook mode where to post updates and the secret
/// to send with them (setWebhook). Each step is retried with backoff until Telegram is reachable,
/// without holding up the rest of the start.
/// </summary>
internal sealed partial class TelegramStartupService(
    ITelegramBotClient bot,
    TelegramBotIdentity identity,
    IOptions<TelegramOptions> options,
    TimeProvider time,
    PlatformReadiness readiness,
    ILogger<TelegramStartupService> logger) : BackgroundService
{
    private static readonly Backoff RetryBackoff = new(TimeSpan.FromSeconds(2), TimeSpan.FromMinutes(5));

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        // Not ready until Telegram has answered once (/healthz/ready).
        readiness.Expect(ChatPlatform.Telegram);
        try
        {
            var me = await RetryAsync("getMe", identity.GetAsync, stoppingToken);
            readiness.Answered(ChatPlatform.Telegram);
            LogStarted(logger, me.Username ?? me.FirstName, options.Value.UsesWebhook ? "webhook" : "long polling");

            foreach (var (scope, languageCode, commands) in CommandMenus())
            {
                await RetryAsync("setMyCommands", ct => bot.SetMyCommands(commands, scope, languageCode, ct), stoppingToken);
            }

            if (options.Value.UsesWebhook)
            {
                await RetryAsync(
                    "setWebhook",
                    ct => bot.SetWebhook(
                        options.Value.WebhookUrl!,
                        allowedUpdates: TelegramPollingService.AllowedUpdates,
                        secretToken: options.Value.EffectiveWebhookSecret,
                        cancellationToken: ct),
                    stoppingToken);
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Stopped before Telegram was reachable.
        }
    }

    /// <summary>
    /// The menus (https://core.telegram.org/bots/features#command-scopes): everything in private chats and
    /// for group admins; group members are not offered the admin-only commands. Menus are only hints:
    /// the router applies each command's admin rule. Every scope is set once without a language (English, for
    /// everyone whose language has no menu of its own) and once per other shipped language with its
    /// language_code, because Telegram tries each scope with the user's language before the next scope.
    /// </summary>
    internal static IEnumerable<(BotCommandScope Scope, string? LanguageCode, BotCommand[] Commands)> CommandMenus()
    {
        foreach (var language in BriefLanguages.Shipped)
        {
            var texts = ReplyTexts.For(language);
            var code = language == BriefLanguages.Default ? null : LanguageCode(language);
            var all = ChatCommands.All.Select(c => ToBotCommand(c, texts)).ToArray();
            var members = ChatCommands.All.Where(c => !c.IsForAdmins).Select(c => ToBotCommand(c, texts)).ToArray();
            yield return (BotCommandScope.Default(), code, all);
            yield return (BotCommandScope.AllPrivateChats(), code, all);
            yield return (BotCommandScope.AllGroupChats(), code, members);
            yield return (BotCommandScope.AllChatAdministrators(), code, all);
        }
    }

    /// <summary>
    /// Telegram's language_code for a shipped language: "a two-letter ISO 639-1 language code"
    /// (https://core.telegram.org/bots/api#setmycommands), so pt-BR is "pt" and zh-Hans is "zh".
    /// </summary>
    internal static string LanguageCode(string language) => language.Split('-')[0].ToLowerInvariant();

    private static BotCommand ToBotCommand(ChatCommand command, ReplyTexts texts)
    {
        // Descriptions are 1-256 characters (https://core.telegram.org/bots/api#botcommand).
        var description = command.DescriptionIn(texts);
        return new BotCommand { Command = command.Name, Description = description.Length <= 256 ? description : description[..256] };
    }

    private async Task<T> RetryAsync<T>(string method, Func<CancellationToken, Task<T>> call, CancellationToken stoppingToken)
    {
        for (var failures = 1; ; failures++)
        {
            try
            {
                return await call(stoppingToken);
            }
            catch (RequestException ex)
            {
                // A 429 waits the retry_after Telegram names (TelegramFloodPolicy), anything else backs off.
                var delay = TelegramFloodPolicy.RetryAfter(ex) ?? RetryBackoff.Delay(failures);
                LogRetry(logger, method, ex.Message, delay.TotalSeconds);
                await Task.Delay(delay, time, stoppingToken);
            }
        }
    }

    private Task RetryAsync(string method, Func<CancellationToken, Task> call, CancellationToken stoppingToken) =>
        RetryAsync<bool>(method, async ct =>
        {
            await call(ct);
            return true;
        }, stoppingToken);

    [LoggerMessage(Level = LogLevel.Information, Message = "Telegram bot @{UserName} starting with {Mode}")]
    private static partial void LogStarted(ILogger logger, string userName, string mode);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Telegram {Method} failed ({Reason}); retrying in {Seconds} s")]
    private static partial void LogRetry(ILogger logger, string method, string reason, double seconds);
}
