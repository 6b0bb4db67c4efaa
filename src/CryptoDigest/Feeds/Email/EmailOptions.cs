using System.ComponentModel.DataAnnotations;
using System.Globalization;
using System.Net;

namespace CryptoDigest.Feeds.Email;

/// <summary>
/// The newsletter mailbox (section "Email"): an IMAP account subscribed to the e-mail-first
/// letters. Empty Host means no mailbox. Password and AccessToken are secrets: never logged,
/// never shown. See docs/email.md.
/// </summary>
public sealed class EmailOptions : IValidatableObject
{
    public const string SectionName = "Email";

    /// <summary>The IMAP server's host name; empty switches e-mail intake off.</summary>
    public string Host { get; set; } = string.Empty;

    /// <summary>The IMAP port: 993 is implicit TLS, any other port upgrades with STARTTLS (or is plaintext on loopback only).</summary>
    [Range(1, 65535, ErrorMessage = "Email:Port must be between 1 and 65535.")]
    public int Port { get; set; } = 993;

    public string Username { get; set; } = string.Empty;

    /// <summary>The account's (app) password; leave empty when AccessToken is used.</summary>
    public string Password { get; set; } = string.Empty;

    /// <summary>An OAuth2 access token for XOAUTH2 (Gmail, Microsoft 365), used instead of Password.</summary>
    public string AccessToken { get; set; } = string.Empty;

    /// <summary>The folder the letters arrive in.</summary>
    [Required(AllowEmptyStrings = false, ErrorMessage = "Email:Folder must not be empty.")]
    public string Folder { get; set; } = "INBOX";

    /// <summary>Where stored messages are moved; empty keeps them in Folder, flagged \Seen.</summary>
    public string DoneFolder { get; set; } = string.Empty;

    /// <summary>TLS on (implicit on 993, STARTTLS otherwise); off is allowed only for a loopback host with AllowInsecureLoopback.</summary>
    public bool UseTls { get; set; } = true;

    /// <summary>Allows a plaintext connection to a loopback host (a local test server); never to anything else.</summary>
    public bool AllowInsecureLoopback { get; set; }

    /// <summary>
    /// SHA-256 (or SHA-1) thumbprint, hex, of a server certificate trusted although no public
    /// authority signed it (a self-signed test or home server). Any other certificate is validated as usual.
    /// </summary>
    public string TrustedCertificateThumbprint { get; set; } = string.Empty;

    /// <summary>While serving, wait for new mail with IMAP IDLE (when the server offers it) and read it at once.</summary>
    public bool UseIdle { get; set; } = true;

    /// <summary>How often the mailbox is read.</summary>
    [Range(1, 1440, ErrorMessage = "Email:PollMinutes must be between 1 and 1440.")]
    public int PollMinutes { get; set; } = 10;

    /// <summary>Messages larger than this are not downloaded; each is a counted error.</summary>
    [Range(10_240, 104_857_600, ErrorMessage = "Email:MaxMessageBytes must be between 10240 and 104857600.")]
    public int MaxMessageBytes { get; set; } = 10 * 1024 * 1024;

    /// <summary>Deadline of each IMAP command.</summary>
    [Range(1, 600, ErrorMessage = "Email:TimeoutSeconds must be between 1 and 600.")]
    public int TimeoutSeconds { get; set; } = 60;

    /// <summary>Messages read per run at most; the rest wait for the next run (a first run on a full mailbox stays short).</summary>
    [Range(1, 10_000, ErrorMessage = "Email:MaxMessagesPerRun must be between 1 and 10000.")]
    public int MaxMessagesPerRun { get; set; } = 500;

    /// <summary>
    /// The authserv-id the operator's own receiving server writes at the start of its
    /// Authentication-Results header (mx.google.com for Gmail; see docs/email.md for others). Only the
    /// top-most header with this id is believed; empty believes none.
    /// </summary>
    public string TrustedAuthservId { get; set; } = string.Empty;

    /// <summary>
    /// Store a message as a source's issue only when the trusted header vouches for its sender
    /// (dmarc=pass, or an aligned dkim=pass); others are counted as unauthenticated, never stored or shown.
    /// </summary>
    public bool RequireAuthentication { get; set; } = true;

    /// <summary>True when messages are required to be authenticated but no header can be: every message is then counted as unauthenticated.</summary>
    public bool TrustsNoHeader => RequireAuthentication && string.IsNullOrWhiteSpace(TrustedAuthservId);

    /// <summary>Attempts at a message whose handling fails before it is passed over for good (marked with an IMAP keyword and counted as unreadable).</summary>
    [Range(1, 10, ErrorMessage = "Email:MaxAttemptsPerMessage must be between 1 and 10.")]
    public int MaxAttemptsPerMessage { get; set; } = 3;

    public bool IsConfigured => !string.IsNullOrWhiteSpace(Host);

    public TimeSpan PollInterval => TimeSpan.FromMinutes(PollMinutes);

    /// <summary>The mailbox as shown and stored (no secret in it): user@host:port/folder.</summary>
    public string MailboxName => $"{Username.Trim()}@{Host.Trim()}:{Port.ToString(CultureInfo.InvariantCulture)}/{Folder.Trim()}";

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (!IsConfigured)
        {
            yield break;
        }

        if (Uri.CheckHostName(Host.Trim()) == UriHostNameType.Unknown)
        {
            yield return new ValidationResult($"Email:Host '{Host}' is not a host name or IP address.", [nameof(Host)]);
        }

        if (string.IsNullOrWhiteSpace(Username))
        {
            yield return new ValidationResult("Email:Username is required when Email:Host is set.", [nameof(Username)]);
        }

        var hasPassword = !string.IsNullOrEmpty(Password);
        var hasToken = !string.IsNullOrEmpty(AccessToken);
        if (hasPassword == hasToken)
        {
            // The values themselves are never echoed: they are secrets.
            yield return new ValidationResult("Email:Password or Email:AccessToken (one of the two) is required when Email:Host is set.", [nameof(Password)]);
        }

        if (!UseTls && !(AllowInsecureLoopback && IsLoopback(Host)))
        {
            yield return new ValidationResult(
                "Email:UseTls is false, but a plaintext connection is allowed only with Email:AllowInsecureLoopback=true and a loopback Email:Host.",
                [nameof(UseTls)]);
        }

        if (!string.IsNullOrWhiteSpace(DoneFolder) && string.Equals(DoneFolder.Trim(), Folder.Trim(), StringComparison.OrdinalIgnoreCase))
        {
            yield return new ValidationResult("Email:DoneFolder must differ from Email:Folder (or be empty to flag messages \\Seen).", [nameof(DoneFolder)]);
        }

        var authservId = TrustedAuthservId.Trim();
        if (authservId.Length > 0 && (authservId.Length > 255 || authservId.Any(c => char.IsWhiteSpace(c) || char.IsControl(c) || c is ';' or '(' or ')' or '"' or '=' or '\\')))
        {
            yield return new ValidationResult(
                $"Email:TrustedAuthservId '{authservId}' must be one authserv-id as the server writes it first in its Authentication-Results header, e.g. mx.google.com.",
                [nameof(TrustedAuthservId)]);
        }

        var thumbprint = TrustedCertificateThumbprint.Replace(":", string.Empty, StringComparison.Ordinal).Trim();
        if (thumbprint.Length > 0 && (thumbprint.Length is not (40 or 64) || !thumbprint.All(char.IsAsciiHexDigit)))
        {
            yield return new ValidationResult("Email:TrustedCertificateThumbprint must be a SHA-256 (64 hex) or SHA-1 (40 hex) thumbprint.", [nameof(TrustedCertificateThumbprint)]);
        }
    }

    /// <summary>True for localhost and loopback addresses, the only hosts plaintext IMAP may reach.</summary>
    public static bool IsLoopback(string host)
    {
        var trimmed = host.Trim().TrimStart('[').TrimEnd(']');
        return string.Equals(trimmed, "localhost", StringComparison.OrdinalIgnoreCase)
            || (IPAddress.TryParse(trimmed, out var address) && IPAddress.IsLoopback(address));
    }
}
