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
/// groups and group admins (setMyCommands), and in webhook mode where to post updates and the secret
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

            foreach (var (scope, commands) in CommandMenus())
            {
                await RetryAsync("setMyCommands", ct => bot.SetMyCommands(commands, scope, cancellationToken: ct), stoppingToken);
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
    /// the router applies each command's admin rule.
    /// </summary>
    internal static IEnumerable<(BotCommandScope Scope, BotCommand[] Commands)> CommandMenus()
    {
        var all = ChatCommands.All.Select(ToBotCommand).ToArray();
        var members = ChatCommands.All.Where(c => !c.IsForAdmins).Select(ToBotCommand).ToArray();
        yield return (BotCommandScope.Default(), all);
        yield return (BotCommandScope.AllPrivateChats(), all);
        yield return (BotCommandScope.AllGroupChats(), members);
        yield return (BotCommandScope.AllChatAdministrators(), all);
    }

    private static BotCommand ToBotCommand(ChatCommand command)
    {
        // Descriptions are 1-256 characters (https://core.telegram.org/bots/api#botcommand).
        var description = command.Description;
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
