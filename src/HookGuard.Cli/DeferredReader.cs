namespace HookGuard.Cli;

/// <summary>
/// A reader opened on first use. <c>Console.In</c> costs ~0.4 ms to set up in the Native AOT build (profiled), and only
/// <c>scan stdin</c> and the pre-push commands ever read standard input; the pre-commit hook should not pay for it.
/// </summary>
internal sealed class DeferredReader(Func<TextReader> open) : TextReader
{
    private TextReader? _reader;

    private TextReader Reader => _reader ??= open();

    public override int Peek() => Reader.Peek();

    public override int Read() => Reader.Read();

    public override int Read(char[] buffer, int index, int count) => Reader.Read(buffer, index, count);

    public override int Read(Span<char> buffer) => Reader.Read(buffer);

    public override string? ReadLine() => Reader.ReadLine();

    public override string ReadToEnd() => Reader.ReadToEnd();
}
