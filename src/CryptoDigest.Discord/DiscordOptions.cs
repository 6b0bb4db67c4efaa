using System.ComponentModel.DataAnnotations;

namespace CryptoDigest.Discord;

/// <summary>
/// The Discord application (section "Discord"). Setting any of ApplicationId, PublicKey or BotToken
/// switches Discord on; then the public key is required, because nothing may be processed unverified.
/// The bot token is only needed to register commands and to post briefs to channels.
/// </summary>
public sealed class DiscordOptions : IValidatableObject
{
    public const string SectionName = "Discord";
    public const string DefaultApiBaseUrl = "https://discord.com/api/v10";

    /// <summary>The application id (a snowflake) from the Developer Portal.</summary>
    public string? ApplicationId { get; set; }

    /// <summary>The application's Ed25519 public key, 64 hex characters, used to verify every interaction.</summary>
    public string? PublicKey { get; set; }

    /// <summary>The bot token for REST calls (command registration, channel posts); never logged.</summary>
    public string? BotToken { get; set; }

    /// <summary>Discord's REST base, overridable for tests; "/api/v10" is appended unless the URL already ends with it.</summary>
    public string ApiBaseUrl { get; set; } = DefaultApiBaseUrl;

    /// <summary>
    /// How long an application command may take before the bot defers (type 5) and edits the answer in later.
    /// Discord invalidates the token after 3 s without an initial response; 0 always defers.
    /// </summary>
    [Range(0, 2900, ErrorMessage = "Discord:DeferAfterMilliseconds must be between 0 and 2900 (Discord allows 3 seconds for the first response).")]
    public int DeferAfterMilliseconds { get; set; } = 2500;

    /// <summary>Interactions whose signed timestamp is further than this from now are refused as replays.</summary>
    [Range(5, 3600, ErrorMessage = "Discord:SignatureMaxAgeSeconds must be between 5 and 3600.")]
    public int SignatureMaxAgeSeconds { get; set; } = 300;

    /// <summary>
    /// Command answers worked on at once in this instance; when all are busy, a new command is answered
    /// "busy, try again" at once (never dropped, never queued past Discord's deadline).
    /// </summary>
    [Range(1, 1024, ErrorMessage = "Discord:MaxConcurrentAnswers must be between 1 and 1024.")]
    public int MaxConcurrentAnswers { get; set; } = 32;

    /// <summary>The gateway connection for link scanning (Discord:Gateway:*), off unless Enabled.</summary>
    public DiscordGatewayOptions Gateway { get; set; } = new();

    /// <summary>Discord is configured and the gateway is turned on.</summary>
    public bool UsesGateway => IsConfigured && Gateway.Enabled;

    public bool IsConfigured =>
        !string.IsNullOrWhiteSpace(ApplicationId) || !string.IsNullOrWhiteSpace(PublicKey) || !string.IsNullOrWhiteSpace(BotToken);

    /// <summary>The REST base with the version in the path, ending in a slash so relative routes append to it.</summary>
    public Uri ApiBaseUri
    {
        get
        {
            var url = ApiBaseUrl.TrimEnd('/');
            // Always put the version in the path: an unversioned route goes to Discord's default version
            // (https://discord.com/developers/docs/reference#api-versioning).
            if (!url.EndsWith("/api/v10", StringComparison.OrdinalIgnoreCase))
            {
                url += "/api/v10";
            }

            return new Uri(url + "/", UriKind.Absolute);
        }
    }

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (!Uri.TryCreate(ApiBaseUrl, UriKind.Absolute, out var api) || (api.Scheme != Uri.UriSchemeHttps && api.Scheme != Uri.UriSchemeHttp))
        {
            yield return new ValidationResult($"Discord:ApiBaseUrl must be an absolute http or https URL, not '{ApiBaseUrl}'.", [nameof(ApiBaseUrl)]);
        }

        if (!IsConfigured)
        {
            yield break;
        }

        if (PublicKey is null || PublicKey.Length != 64 || !PublicKey.All(char.IsAsciiHexDigit))
        {
            yield return new ValidationResult("Discord:PublicKey must be 64 hex characters (the application's public key from the Developer Portal).", [nameof(PublicKey)]);
        }

        if (!string.IsNullOrWhiteSpace(ApplicationId) && !IsSnowflake(ApplicationId))
        {
            yield return new ValidationResult("Discord:ApplicationId must be the application's numeric id.", [nameof(ApplicationId)]);
        }

        if (!string.IsNullOrEmpty(BotToken) && BotToken.Any(char.IsWhiteSpace))
        {
            // The value itself is a secret: the message never repeats it.
            yield return new ValidationResult("Discord:BotToken must not contain spaces (give the token alone, without the \"Bot \" prefix).", [nameof(BotToken)]);
        }

        foreach (var error in ValidateGateway())
        {
            yield return error;
        }
    }

    private IEnumerable<ValidationResult> ValidateGateway()
    {
        if (Gateway.ShardCount is < 1 or > 1024)
        {
            yield return new ValidationResult("Discord:Gateway:ShardCount must be between 1 and 1024.", [nameof(Gateway)]);
        }
        else if (Gateway.ShardId < 0 || Gateway.ShardId >= Gateway.ShardCount)
        {
            yield return new ValidationResult($"Discord:Gateway:ShardId must be between 0 and Discord:Gateway:ShardCount - 1 ({Gateway.ShardCount - 1}).", [nameof(Gateway)]);
        }

        if (Gateway.Enabled && string.IsNullOrWhiteSpace(BotToken))
        {
            yield return new ValidationResult("Discord:BotToken is required when Discord:Gateway:Enabled is true (the gateway identifies with the bot token).", [nameof(BotToken)]);
        }
    }

    internal static bool IsSnowflake(string? value) =>
        !string.IsNullOrEmpty(value) && value.Length <= 20 && value.All(char.IsAsciiDigit);
}
