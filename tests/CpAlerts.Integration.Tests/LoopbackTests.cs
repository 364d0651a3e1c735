using System.Net;
using CpAlerts.Application.Configuration;
using CpAlerts.Functions.Handler;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using NodaTime;

namespace CpAlerts.Integration.Tests;

public class LoopbackTests
{
    [Fact]
    public async Task The_handler_listens_on_loopback_only()
    {
        var configuration = Azurite.Configuration(
            ("CpAlerts:FallbackMailbox", "fallback@council.example"),
            ("CpAlerts:Email:FromAddress", "cpalerts@council.example"),
            ("CpAlerts:Email:Outbox", Path.Combine(Path.GetTempPath(), "cpalerts-loopback")));
        await using var app = await HandlerApp.BuildAsync(HandlerSettings.Read(configuration, HandlerProcess.FreePort()), configuration, SystemClock.Instance);
        await app.StartAsync();

        var addresses = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses;
        Assert.NotEmpty(addresses);
        Assert.All(addresses, a => Assert.True(IPAddress.IsLoopback(IPAddress.Parse(new Uri(a).Host)), $"{a} is not loopback"));
        await app.StopAsync();
    }
}
