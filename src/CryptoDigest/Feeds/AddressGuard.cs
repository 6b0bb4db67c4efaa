using System.Net;
using System.Net.Sockets;

namespace CryptoDigest.Feeds;

/// <summary>
/// The SSRF guard for feed fetching (docs/security-rules.md, section 4): only http and https; no loopback,
/// private, shared, link-local (cloud metadata), multicast, unspecified or reserved address,
/// checked on the address the socket actually connects to, after our own DNS resolution,
/// for the first request and every redirect alike. Disguised forms (2130706433, 0x7f.1,
/// ::ffff:169.254.169.254, a trailing dot) all end up as one of those addresses and are refused
/// before any connection is made. <see cref="AllowLoopback"/> is the operator's switch for local testing.
/// </summary>
public sealed class AddressGuard(bool allowLoopback)
{
    private static readonly string[] ForbiddenNames = ["metadata.google.internal", "metadata.amazonaws.com", "metadata", "instance-data"];

    /// <summary>What members are told when an address (or a name's resolved address) is refused; the detail goes to the log only.</summary>
    public const string NotPublic = "not a public address";

    /// <summary>What members are told when a public address gave no feed (network error, timeout, HTTP error).</summary>
    public const string Unreachable = "could not be reached";

    public bool AllowLoopback { get; } = allowLoopback;

    /// <summary>A refusal of <see cref="CheckUrl"/> as members may see it: the scheme rule as is, every other one as <see cref="NotPublic"/>.</summary>
    public static string MemberReason(string refusal) =>
        refusal.StartsWith(SchemeRefusal, StringComparison.Ordinal) ? SchemeRefusal : NotPublic;

    private const string SchemeRefusal = "only http and https addresses can be fetched";

    /// <summary>Why a URL may not be fetched (scheme, a forbidden name or literal address), or null when it may be tried.</summary>
    public string? CheckUrl(Uri url)
    {
        if (!url.IsAbsoluteUri || (url.Scheme != Uri.UriSchemeHttp && url.Scheme != Uri.UriSchemeHttps))
        {
            return $"{SchemeRefusal}, not {(url.IsAbsoluteUri ? url.Scheme : "a relative address")}";
        }

        var host = url.IdnHost.TrimEnd('.');
        if (ForbiddenNames.Contains(host, StringComparer.OrdinalIgnoreCase))
        {
            return $"{host} is a cloud metadata service";
        }

        if (!AllowLoopback && (host.Equals("localhost", StringComparison.OrdinalIgnoreCase) || host.EndsWith(".localhost", StringComparison.OrdinalIgnoreCase)))
        {
            return $"{host} is a loopback name";
        }

        return IPAddress.TryParse(host.Trim('[', ']'), out var literal) && Check(literal) is { } reason
            ? $"{url.Host} is {reason}"
            : null;
    }

    /// <summary>Why an address may not be connected to, or null when it may.</summary>
    public string? Check(IPAddress address)
    {
        var reason = Classify(address);
        return reason == "a loopback address" && AllowLoopback ? null : reason;
    }

    /// <summary>
    /// The SocketsHttpHandler connect step: resolves the name itself, refuses when any of its
    /// addresses is forbidden (so DNS rebinding between check and use has nothing to switch to),
    /// and connects to exactly the address it checked.
    /// </summary>
    public async ValueTask<Stream> ConnectAsync(SocketsHttpConnectionContext context, CancellationToken cancellationToken)
    {
        var host = context.DnsEndPoint.Host.TrimEnd('.');
        var addresses = IPAddress.TryParse(host.Trim('[', ']'), out var literal)
            ? [literal]
            : await Dns.GetHostAddressesAsync(host, cancellationToken);
        if (addresses.Length == 0)
        {
            throw new SocketException((int)SocketError.HostNotFound);
        }

        foreach (var address in addresses)
        {
            if (Check(address) is { } reason)
            {
                throw new BlockedAddressException($"{host} resolves to {address}, {reason}, which feeds may not reach");
            }
        }

        Exception? last = null;
        foreach (var address in addresses)
        {
            var socket = new Socket(address.AddressFamily, SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
            try
            {
                await socket.ConnectAsync(new IPEndPoint(address, context.DnsEndPoint.Port), cancellationToken);
                return new NetworkStream(socket, ownsSocket: true);
            }
            catch (SocketException ex)
            {
                socket.Dispose();
                last = ex;
            }
            catch
            {
                socket.Dispose();
                throw;
            }
        }

        throw last!;
    }

    /// <summary>What kind of non-public address this is, or null for a public one (IANA special-purpose registries).</summary>
    internal static string? Classify(IPAddress address)
    {
        if (address.IsIPv4MappedToIPv6)
        {
            // ::ffff:169.254.169.254 is 169.254.169.254; IPAddress.IsLoopback and friends miss it unmapped.
            address = address.MapToIPv4();
        }

        return address.AddressFamily switch
        {
            AddressFamily.InterNetwork => ClassifyIPv4(address.GetAddressBytes()),
            AddressFamily.InterNetworkV6 => ClassifyIPv6(address),
            _ => "not an internet address",
        };
    }

    private static string? ClassifyIPv4(byte[] b) => b switch
    {
        [127, ..] => "a loopback address",
        [0, ..] => "an unspecified address",
        [10, ..] or [172, >= 16 and <= 31, ..] or [192, 168, ..] => "a private address",
        [100, >= 64 and <= 127, ..] => "a shared (carrier-grade NAT) address",
        [169, 254, ..] => "a link-local address (cloud metadata lives there)",
        [>= 224 and <= 239, ..] => "a multicast address",
        [>= 240, ..] => "a reserved address",
        [192, 0, 0, _] or [192, 0, 2, _] or [198, 18 or 19, ..] or [198, 51, 100, _] or [203, 0, 113, _] => "a reserved address",
        _ => null,
    };

    private static string? ClassifyIPv6(IPAddress address)
    {
        var bytes = address.GetAddressBytes();
        return address switch
        {
            _ when IPAddress.IPv6Loopback.Equals(address) => "a loopback address",
            _ when IPAddress.IPv6None.Equals(address) => "an unspecified address",
            { IsIPv6LinkLocal: true } or { IsIPv6SiteLocal: true } => "a link-local address",
            { IsIPv6Multicast: true } => "a multicast address",
            _ when (bytes[0] & 0xFE) == 0xFC => "a private (unique local) address",
            _ when bytes is [0x20, 0x01, 0x0D, 0xB8, ..] => "a reserved (documentation) address",
            _ => ClassifyEmbeddedIPv4(bytes),
        };
    }

    /// <summary>The class of the IPv4 address an IPv6 address carries, or null when it carries none or a public one.</summary>
    private static string? ClassifyEmbeddedIPv4(byte[] bytes)
    {
        // NAT64 (64:ff9b::/96) and IPv4-compatible (::/96) addresses carry an IPv4 address that must pass too.
        var embedsIpv4 = (bytes is [0, 0x64, 0xFF, 0x9B, ..] && bytes.AsSpan(4, 8).IndexOfAnyExcept((byte)0) < 0)
            || bytes.AsSpan(0, 12).IndexOfAnyExcept((byte)0) < 0;
        if (embedsIpv4)
        {
            return Classify(new IPAddress(bytes.AsSpan(12, 4)));
        }

        // 6to4 (2002::/16, RFC 3056): the IPv4 address of the relay's far end sits in bits 16-47.
        if (bytes is [0x20, 0x02, ..])
        {
            return Classify(new IPAddress(bytes.AsSpan(2, 4)));
        }

        // Local-use NAT64 (64:ff9b:1::/48, RFC 8215): the network picks the prefix length, so the
        // IPv4 address is read where RFC 6052 puts it for a /96 (the last 32 bits) and, when the
        // bits after the /48 are used, for a /48 (bits 48-63 and 72-87). Either reading that is not
        // public refuses the address (docs/hardening.md).
        if (bytes is [0, 0x64, 0xFF, 0x9B, 0, 0x01, ..])
        {
            if (bytes.AsSpan(6, 6).IndexOfAnyExcept((byte)0) < 0)
            {
                return Classify(new IPAddress(bytes.AsSpan(12, 4)));
            }

            return Classify(new IPAddress(new[] { bytes[6], bytes[7], bytes[9], bytes[10] }))
                ?? (bytes.AsSpan(12, 4).IndexOfAnyExcept((byte)0) < 0 ? null : Classify(new IPAddress(bytes.AsSpan(12, 4))));
        }

        return null;
    }
}
