namespace CryptoDigest.Operations;

/// <summary>
/// A condition that holds now and deserves an operator alert: its stable key (one alert state per key), a title
/// that names it in the raise and the clear message, and the figures behind it for the raise message.
/// </summary>
public sealed record AlertCondition(string Key, string Title, string Detail);
