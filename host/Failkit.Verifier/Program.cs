using Failkit.Verifier;

return VerifierCli.Run(args, Console.Out, Console.Error);
