using System.Net;
using System.Net.Sockets;

namespace Failkit.Sso.Tests.Fixtures;

internal static class Ports
{
    /// <summary>A port free right now on loopback, for servers that must know their URL before they listen.</summary>
    public static int Free()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    public static async Task<bool> AcceptsAsync(int port)
    {
        using var client = new TcpClient();
        try
        {
            await client.ConnectAsync(IPAddress.Loopback, port);
            return true;
        }
        catch (SocketException)
        {
            return false;
        }
    }
}
