using System.Net;

namespace TutorApp.Web.Hosting;

/// <summary>Parses configured networks ("10.0.0.0/8") and addresses, naming the configuration key of a bad entry.</summary>
public static class NetworkList
{
    public static IReadOnlyList<IPNetwork> ParseNetworks(IEnumerable<string> values, string key) =>
        values.Select((value, i) => IPNetwork.TryParse(value.Trim(), out var network)
            ? network
            : throw new InvalidOperationException($"{key}:{i} is '{value}', which is not a network in CIDR form such as 10.0.0.0/8 or fd00::/8."))
        .ToList();

    public static IReadOnlyList<IPAddress> ParseAddresses(IEnumerable<string> values, string key) =>
        values.Select((value, i) => IPAddress.TryParse(value.Trim(), out var address)
            ? address
            : throw new InvalidOperationException($"{key}:{i} is '{value}', which is not an IP address."))
        .ToList();

    /// <summary>True for loopback and for any address in one of the networks (IPv4-mapped IPv6 addresses count as IPv4).</summary>
    public static bool Allows(IReadOnlyList<IPNetwork> networks, IPAddress? address)
    {
        if (address is null)
        {
            return false;
        }
        if (address.IsIPv4MappedToIPv6)
        {
            address = address.MapToIPv4();
        }
        return IPAddress.IsLoopback(address) || networks.Any(n => n.Contains(address));
    }
}
