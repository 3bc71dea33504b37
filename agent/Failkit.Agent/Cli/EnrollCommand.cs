using System.CommandLine;
using Failkit.Agent.Reporting;

namespace Failkit.Agent.Cli;

public static class EnrollCommand
{
    public static Command Create(CliHost host)
    {
        var url = new Option<string>("--url") { Description = "Management plane base URL (https://...)", Required = true };
        var token = new Option<string>("--token") { Description = "Single-use enrollment token", Required = true };
        var serverCa = new Option<string?>("--server-ca") { Description = "PEM file of the CA to trust for the management plane instead of the system store" };
        var command = new Command("enroll", "Create a key pair here and obtain this agent's client certificate") { url, token, serverCa };
        command.SetAction(async (parse, ct) =>
        {
            var cli = CliContext.From(host, parse);
            var ca = parse.GetValue(serverCa);
            if (ca is not null && !File.Exists(ca))
            {
                throw new AgentException($"--server-ca file '{ca}' does not exist");
            }

            if (!Uri.TryCreate(parse.GetValue(url), UriKind.Absolute, out var baseUrl) || baseUrl.Scheme is not ("https" or "http"))
            {
                throw new AgentException($"--url '{parse.GetValue(url)}' is not an http(s) URL");
            }

            var identity = new AgentIdentity(cli.State.IdentityDir);
            using var cert = await Enrollment.EnrollAsync(identity, baseUrl, parse.GetValue(token)!, ca, ct);
            await cli.Out.WriteLineAsync($"enrolled: {cert.Subject}, issued by {cert.Issuer}, valid until {cert.NotAfter:u}");
            await cli.Out.WriteLineAsync($"private key (never sent): {identity.KeyPath}");
            return ExitCodes.Ok;
        });
        return command;
    }
}
