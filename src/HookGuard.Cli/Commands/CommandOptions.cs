using HookGuard.Cli.Reports;
using McMaster.Extensions.CommandLineUtils;

namespace HookGuard.Cli.Commands;

/// <summary>The options every scan command shares, converted once into validated values.</summary>
internal sealed class ScanOutputOptions
{
    private readonly CommandOption _format;
    private readonly CommandOption _output;
    private readonly CommandOption _noColor;
    private readonly CommandOption _config;
    private readonly CommandOption _baseline;

    public ScanOutputOptions(CommandLineApplication command)
    {
        _format = command.Option("--format <FORMAT>", "Report format: text (default), json or sarif.", CommandOptionType.SingleValue);
        _output = command.Option("--output <FILE>", "Write the report to FILE instead of standard output.", CommandOptionType.SingleValue);
        _noColor = command.Option("--no-color", "Never colour the output (also: NO_COLOR=1).", CommandOptionType.NoValue);
        _config = command.Option("--config <FILE>", "Use this config instead of the nearest .hookguard.json from the repository root up.", CommandOptionType.SingleValue);
        _baseline = command.Option("--baseline <FILE>", "Findings listed in this baseline do not block (only new ones do).", CommandOptionType.SingleValue);
    }

    public PolicyOptions Policy => new(_config.Value(), _baseline.Value());

    public ReportFormat Format => ReportFormats.Parse(_format.Value());

    public string? OutputFile => _output.Value();

    public bool NoColor => _noColor.HasValue();
}
