using System.Buffers.Text;
using System.ComponentModel.DataAnnotations;
using System.Security.Cryptography;
using System.Text;

namespace CryptoDigest.Telegram;

/// <summary>
/// Telegram settings (section "Telegram"). Nothing here is required until Telegram:BotToken is set:
/// without a token the adapter stays off and the bot runs on its other platforms or the console.
/// </summary>
public sealed class TelegramOptions : IValidatableObject
{
    public const string SectionName = "Telegram";

    /// <summary>The token from @BotFather; a secret, never logged.</summary>
    public string? BotToken { get; set; }

    /// <summary>The public https URL Telegram posts updates to; empty means long polling.</summary>
    public string? WebhookUrl { get; set; }

    /// <summary>The X-Telegram-Bot-Api-Secret-Token value; empty means one derived from the token, so every instance agrees.</summary>
    public string? WebhookSecret { get; set; }

    /// <summary>The shortest Telegram:WebhookSecret accepted when one is given.</summary>
    public const int MinWebhookSecretLength = 32;

    /// <summary>The Bot API server, e.g. a local telegram-bot-api server or a test stand-in; empty means api.telegram.org.</summary>
    public string? ApiBaseUrl { get; set; }

    /// <summary>Messages per second across all chats: 30 is Telegram's free broadcast limit, higher needs paid broadcasts.</summary>
    public int GlobalMessagesPerSecond { get; set; } = 30;

    /// <summary>Messages per second to one chat (Telegram: avoid more than one).</summary>
    public int ChatMessagesPerSecond { get; set; } = 1;

    /// <summary>Messages per minute to one group or channel (Telegram: at most 20).</summary>
    public int GroupMessagesPerMinute { get; set; } = 20;

    /// <summary>How long a getChatMember answer (is this sender an admin?) is trusted.</summary>
    public int AdminCacheSeconds { get; set; } = 60;

    /// <summary>The getUpdates long-poll timeout; Telegram caps it at 50.</summary>
    public int PollingTimeoutSeconds { get; set; } = 50;

    /// <summary>Updates waiting to be processed; a full queue makes the webhook answer 503 so Telegram re-sends later.</summary>
    public int QueueCapacity { get; set; } = 1000;

    /// <summary>
    /// How long a webhook post that finds the queue full waits for room before it is answered 503: a place frees
    /// within milliseconds when the workers are only busy, and a held post keeps Telegram from sending more meanwhile.
    /// </summary>
    public int QueueWaitSeconds { get; set; } = 5;

    /// <summary>Updates processed at once (each may wait for a model answer); 32 from measurement, docs/telegram.md "Queue and workers".</summary>
    public int MaxConcurrentUpdates { get; set; } = 32;

    /// <summary>
    /// How long one update's answer may take (a model answer, market fetches) before the member gets the
    /// knowledge-base answer instead and the worker moves on.
    /// </summary>
    public int UpdateTimeoutSeconds { get; set; } = 90;

    public bool IsEnabled => !string.IsNullOrWhiteSpace(BotToken);

    public bool UsesWebhook => !string.IsNullOrWhiteSpace(WebhookUrl);

    /// <summary>
    /// The configured secret, or one derived from the token (SHA-256, base64url: 43 allowed characters),
    /// so several instances agree without another setting and a new token gives a new secret.
    /// </summary>
    public string EffectiveWebhookSecret => !string.IsNullOrEmpty(WebhookSecret)
        ? WebhookSecret
        : Base64Url.EncodeToString(SHA256.HashData(Encoding.UTF8.GetBytes("cryptodigest-telegram-webhook:" + BotToken)));

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (!IsEnabled)
        {
            yield break;
        }

        // Telegram.Bot's own check: a numeric bot id, a colon, the secret part.
        var colon = BotToken!.IndexOf(':', StringComparison.Ordinal);
        if (colon < 1 || colon > 16 || !BotToken[..colon].All(char.IsAsciiDigit) || colon == BotToken.Length - 1)
        {
            yield return new ValidationResult("Telegram:BotToken must look like 123456789:AA... (the token @BotFather gave).", [nameof(BotToken)]);
        }

        if (UsesWebhook && (!Uri.TryCreate(WebhookUrl, UriKind.Absolute, out var webhook) || webhook.Scheme != Uri.UriSchemeHttps))
        {
            yield return new ValidationResult($"Telegram:WebhookUrl must be an absolute https URL, not '{WebhookUrl}'.", [nameof(WebhookUrl)]);
        }

        // https://core.telegram.org/bots/api#setwebhook: 1-256 characters, A-Z, a-z, 0-9, _ and -.
        if (!string.IsNullOrEmpty(WebhookSecret)
            && (WebhookSecret.Length is < MinWebhookSecretLength or > 256 || !WebhookSecret.All(c => char.IsAsciiLetterOrDigit(c) || c is '_' or '-')))
        {
            // Telegram allows 1-256 characters; a short secret could be guessed, and it is all that stands between the internet and the webhook.
            yield return new ValidationResult($"Telegram:WebhookSecret must be {MinWebhookSecretLength}-256 characters of A-Z, a-z, 0-9, _ and - (or empty, to derive one from the token).", [nameof(WebhookSecret)]);
        }

        if (!string.IsNullOrWhiteSpace(ApiBaseUrl)
            && (!Uri.TryCreate(ApiBaseUrl, UriKind.Absolute, out var api) || (api.Scheme != Uri.UriSchemeHttps && api.Scheme != Uri.UriSchemeHttp)))
        {
            yield return new ValidationResult($"Telegram:ApiBaseUrl must be an absolute http(s) URL such as http://localhost:8081, not '{ApiBaseUrl}'.", [nameof(ApiBaseUrl)]);
        }

        foreach (var (key, value, min, max) in new (string, int, int, int)[]
        {
            (nameof(GlobalMessagesPerSecond), GlobalMessagesPerSecond, 1, 1000),
            (nameof(ChatMessagesPerSecond), ChatMessagesPerSecond, 1, 100),
            (nameof(GroupMessagesPerMinute), GroupMessagesPerMinute, 1, 1000),
            (nameof(AdminCacheSeconds), AdminCacheSeconds, 0, 3600),
            (nameof(PollingTimeoutSeconds), PollingTimeoutSeconds, 1, 50),
            (nameof(QueueCapacity), QueueCapacity, 1, 1_000_000),
            (nameof(QueueWaitSeconds), QueueWaitSeconds, 0, 30),
            (nameof(MaxConcurrentUpdates), MaxConcurrentUpdates, 1, 256),
            (nameof(UpdateTimeoutSeconds), UpdateTimeoutSeconds, 1, 3600),
        })
        {
            if (value < min || value > max)
            {
                yield return new ValidationResult($"Telegram:{key} must be between {min} and {max}, not {value}.", [key]);
            }
        }
    }
}
