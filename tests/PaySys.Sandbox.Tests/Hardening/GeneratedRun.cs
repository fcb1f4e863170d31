using CsCheck;
using Xunit.Sdk;

namespace PaySys.Sandbox.Tests.Hardening;

/// <summary>
/// Runs a property over a repeatable stream of generated cases: case i is generated from the i-th seed drawn from
/// <see cref="HardeningScale.Seed"/>, so every run tries the same cases. The first failure is shrunk by CsCheck
/// (starting from the failing case's own seed) and reported with the seed that replays the simplest failing case.
/// A <c>shrinkIterations</c> of 0 reports the failing case as it is, for cases so big that every retry takes minutes.
/// </summary>
public static class GeneratedRun
{
    public static async Task<int> ForEachAsync<T>(
        Gen<T> gen, int count, int parallelism, Func<T, Task> property, Func<T, string> print, int shrinkIterations = 300)
    {
        var master = PCG.Parse(HardeningScale.Seed);
        var seeds = Enumerable.Range(0, count).Select(_ => new PCG(1, master.Next64()).ToString()).ToArray();
        (string Seed, Exception Error)? failure = null;
        var failed = new Lock();
        await Parallel.ForEachAsync(seeds, new ParallelOptions { MaxDegreeOfParallelism = parallelism }, async (seed, _) =>
        {
            lock (failed)
            {
                if (failure is not null)
                {
                    return;
                }
            }

            var value = gen.Generate(PCG.Parse(seed), null, out var _);
            try
            {
                await property(value);
            }
#pragma warning disable CA1031 // Any failure of the property is the finding; it is reported below.
            catch (Exception error)
#pragma warning restore CA1031
            {
                lock (failed)
                {
                    failure ??= (seed, error);
                }
            }
        });

        if (failure is not { } first)
        {
            return count;
        }

        var original = $"case with seed {first.Seed} failed: {first.Error.Message}\n{print(gen.Generate(PCG.Parse(first.Seed), null, out var _))}";
        if (shrinkIterations == 0)
        {
            throw new XunitException($"{original}\n\n(not shrunk: shrinkIterations is 0)");
        }

        try
        {
            await gen.SampleAsync(property, seed: first.Seed, iter: shrinkIterations, threads: 1, print: print);
        }
#pragma warning disable CA1031 // The shrunk failure is reported together with the original one.
        catch (Exception shrunk)
#pragma warning restore CA1031
        {
            throw new XunitException($"{original}\n\nshrunk by CsCheck: {shrunk.Message}\nbecause: {shrunk.InnerException?.Message ?? "(see above)"}");
        }

        throw new XunitException($"{original}\n\n(the case did not fail again when CsCheck replayed it)");
    }
}
