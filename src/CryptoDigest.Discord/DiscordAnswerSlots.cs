using Microsoft.Extensions.Options;

namespace CryptoDigest.Discord;

/// <summary>
/// Bounds the interaction answers running at once in this instance (Discord:MaxConcurrentAnswers), so a
/// flood of slash commands cannot start unbounded work: each answer holds a slot from the moment it
/// starts until it is ready; with none free, the interaction is answered "busy" at once rather than queued
/// past Discord's 3-second deadline or dropped.
/// </summary>
public sealed class DiscordAnswerSlots(IOptions<DiscordOptions> options) : IDisposable
{
    private readonly SemaphoreSlim _slots = new(options.Value.MaxConcurrentAnswers, options.Value.MaxConcurrentAnswers);

    /// <summary>The reply (ephemeral) when every slot is taken.</summary>
    public const string Busy = "I'm answering a lot of questions right now; please try again in a minute.";

    /// <summary>Takes a slot if one is free, without waiting.</summary>
    public bool TryTake() => _slots.Wait(0);

    public void Release() => _slots.Release();

    public void Dispose() => _slots.Dispose();
}
