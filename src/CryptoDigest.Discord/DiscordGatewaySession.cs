namespace CryptoDigest.Discord;

/// <summary>
/// What a session needs to be resumed after a drop: its id and resume_gateway_url from READY, and the sequence
/// number of the last dispatch received (https://discord.com/developers/docs/events/gateway#resuming).
/// </summary>
internal sealed class DiscordGatewaySession
{
    public string? SessionId { get; private set; }

    public Uri? ResumeUrl { get; private set; }

    /// <summary>The last dispatch's "s", sent with each heartbeat and with RESUME; null before the first.</summary>
    public long? Sequence { get; private set; }

    public bool CanResume => SessionId is not null && ResumeUrl is not null;

    public void Started(string sessionId, Uri resumeUrl)
    {
        SessionId = sessionId;
        ResumeUrl = resumeUrl;
    }

    public void Received(long? sequence)
    {
        if (sequence is { } s)
        {
            Sequence = s;
        }
    }

    /// <summary>Forgets the session: the next connection identifies anew.</summary>
    public void Reset()
    {
        SessionId = null;
        ResumeUrl = null;
        Sequence = null;
    }
}
