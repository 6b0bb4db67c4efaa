namespace CryptoDigest.Chat; internal static class Placeholder { }
