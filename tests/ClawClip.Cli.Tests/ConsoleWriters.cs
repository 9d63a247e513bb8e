namespace ClawClip.Cli.Tests;

/// <summary>Tests that swap the console's writers run one at a time.</summary>
[CollectionDefinition(nameof(ConsoleWriters), DisableParallelization = true)]
public sealed class ConsoleWriters;
