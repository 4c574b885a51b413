using System.Text;
using HookGuard.Cli;

Console.OutputEncoding = new UTF8Encoding(false);
var context = new CliContext(
    Environment.CurrentDirectory,
    Environment.GetEnvironmentVariable,
    new DeferredReader(() => Console.In),
    Console.Out,
    Console.Error,
    ErrorIsTerminal: !Console.IsErrorRedirected,
    OutIsTerminal: !Console.IsOutputRedirected);
return CliApplication.Run(args, context);
