namespace CryptoDigest.Indices;

/// <summary>
/// Input an index computation cannot use (an impossible cap, no eligible coin, a malformed
/// market document); the message is one line a member or an operator can act on.
/// </summary>
public sealed class IndexInputException(string message) : Exception(message);
