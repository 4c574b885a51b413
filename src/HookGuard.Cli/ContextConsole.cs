using McMaster.Extensions.CommandLineUtils;

namespace HookGuard.Cli;

/// <summary>Lets the command-line parser write help and errors to the context's streams.</summary>
internal sealed class ContextConsole(CliContext context) : IConsole
{
    public TextWriter Out => context.Out;

    public TextWriter Error => context.Error;

    public TextReader In => context.In;

    public bool IsInputRedirected => true;

    public bool IsOutputRedirected => true;

    public bool IsErrorRedirected => !context.ErrorIsTerminal;

    public ConsoleColor ForegroundColor { get; set; }

    public ConsoleColor BackgroundColor { get; set; }

    public event ConsoleCancelEventHandler? CancelKeyPress
    {
        add { }
        remove { }
    }

    public void ResetColor()
    {
    }
}
