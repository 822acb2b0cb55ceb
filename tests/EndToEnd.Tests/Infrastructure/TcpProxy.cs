using System.Net;
using System.Net.Sockets;

namespace WeeEvents.EndToEnd.Tests.Infrastructure;

/// <summary>
/// A TCP relay on a loopback port of its own in front of a server (PostgreSQL, RabbitMQ) that tests can cut: while cut,
/// every open connection is reset and new ones are refused, exactly as if the server were down, for the systems that
/// reach it through this relay and for no one else on the machine.
/// </summary>
public sealed class TcpProxy : IAsyncDisposable
{
    private readonly string _targetHost;
    private readonly int _targetPort;
    private readonly Lock _lock = new();
    private readonly List<TcpClient> _open = [];
    private TcpListener? _listener;

    private TcpProxy(string targetHost, int targetPort)
    {
        _targetHost = targetHost;
        _targetPort = targetPort;
        Port = Listen(0);
    }

    /// <summary>The loopback port clients connect to.</summary>
    public int Port { get; }

    /// <summary>Starts relaying to <paramref name="host"/>:<paramref name="port"/>.</summary>
    public static TcpProxy Start(string host, int port) => new(host, port);

    /// <summary>The server goes away: open connections are reset and new ones refused until <see cref="Restore"/>.</summary>
    public void Cut()
    {
        lock (_lock)
        {
            _listener?.Stop();
            _listener = null;
            foreach (var client in _open)
            {
                client.Client.LingerState = new LingerOption(true, 0); // a reset, as a dead server's host sends
                client.Dispose();
            }

            _open.Clear();
        }
    }

    /// <summary>The server is back on the same port.</summary>
    public void Restore()
    {
        lock (_lock)
        {
            if (_listener is null)
            {
                Listen(Port);
            }
        }
    }

    public ValueTask DisposeAsync()
    {
        Cut();
        return ValueTask.CompletedTask;
    }

    private int Listen(int port)
    {
        var listener = new TcpListener(IPAddress.Loopback, port);
        listener.Server.SetSocketOption(SocketOptionLevel.Socket, SocketOptionName.ReuseAddress, true);
        listener.Start();
        _listener = listener;
        _ = AcceptAsync(listener);
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    private async Task AcceptAsync(TcpListener listener)
    {
        while (true)
        {
            TcpClient client;
            try
            {
                client = await listener.AcceptTcpClientAsync();
            }
            catch (Exception e) when (e is SocketException or ObjectDisposedException or InvalidOperationException)
            {
                return; // cut
            }

            _ = RelayAsync(client);
        }
    }

    private async Task RelayAsync(TcpClient client)
    {
        using var server = new TcpClient();
        try
        {
            await server.ConnectAsync(_targetHost, _targetPort);
            lock (_lock)
            {
                if (_listener is null)
                {
                    client.Dispose();
                    return;
                }

                _open.Add(client);
                _open.Add(server);
            }

            var (inbound, outbound) = (client.GetStream(), server.GetStream());
            await Task.WhenAny(inbound.CopyToAsync(outbound), outbound.CopyToAsync(inbound));
        }
        catch (Exception e) when (e is SocketException or IOException or ObjectDisposedException)
        {
            // One side went away; the other follows.
        }
        finally
        {
            lock (_lock)
            {
                _open.Remove(client);
                _open.Remove(server);
            }

            client.Dispose();
        }
    }
}
