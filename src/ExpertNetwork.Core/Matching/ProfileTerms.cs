using System.Runtime.InteropServices;

namespace ExpertNetwork.Matching;

/// <summary>
/// Every distinct term of one profile in ordinal order, with how often each <see cref="LexicalField"/> holds it. Two
/// arrays instead of a dictionary per field and a set of all terms: the evidence cache keeps up to tens of thousands of
/// profiles, and the hash tables were half of each one's memory.
/// </summary>
public sealed class ProfileTerms
{
    private readonly string[] _terms;
    private readonly ushort[] _counts;
    private readonly int[] _lengths;

    /// <summary>
    /// The terms never written without diacritics, in ordinal order, and their <see cref="AccentMarks"/> over every
    /// occurrence; null when there is none. Only these can fail a need's spelling, and an English profile with a
    /// Vietnamese name has a handful of them.
    /// </summary>
    private readonly int[]? _markedRanks;

    private readonly uint[]? _marks;

    private ProfileTerms(string[] terms, ushort[] counts, int[] lengths, int[]? markedRanks, uint[]? marks)
    {
        _terms = terms;
        _counts = counts;
        _lengths = lengths;
        _markedRanks = markedRanks;
        _marks = marks;
    }

    /// <summary>Where <paramref name="term"/> is, for <see cref="Count"/>; negative when the profile never uses it.</summary>
    public int Find(string term) => Array.BinarySearch(_terms, term, StringComparer.Ordinal);

    public bool Contains(string term) => Find(term) >= 0;

    /// <summary>
    /// Whether the term at <paramref name="index"/> is the need's word and not only its folded twin: "nền" (land) and
    /// "nén" (compression) fold to one term, and a profile that writes only "nén" does not hold "bán đất nền".
    /// </summary>
    public bool Admits(int index, uint needAccents)
    {
        if (_markedRanks is null || AccentMarks.AnySpelling(needAccents))
        {
            return true;
        }

        var marked = Array.BinarySearch(_markedRanks, index);
        return marked < 0 || AccentMarks.Compatible(_marks![marked], needAccents);
    }

    /// <summary><see cref="Find"/>, and the profile writes the term the way the need does (<see cref="Admits"/>).</summary>
    public bool Holds(string term, uint needAccents) => Find(term) is var index and >= 0 && Admits(index, needAccents);

    /// <summary>
    /// How often <paramref name="field"/> holds the term found at <paramref name="index"/>, up to 65,535: two bytes a count
    /// halve what the evidence cache keeps of a profile's counts, and BM25 has long stopped rising at that count.
    /// </summary>
    public int Count(int index, LexicalField field) => _counts[index * LexicalFields.Count + (int)field];

    /// <summary>The term at <paramref name="index"/> in ordinal order.</summary>
    public string Term(int index) => _terms[index];

    public int Distinct => _terms.Length;

    /// <summary>How many terms <paramref name="field"/> holds, repeats included.</summary>
    public int Length(LexicalField field) => _lengths[(int)field];

    /// <summary>Gathers a profile's terms field by field, then packs them.</summary>
    public sealed class Builder
    {
        private readonly Dictionary<string, int> _slots = new(StringComparer.Ordinal);
        private readonly List<int> _counts = [];
        private readonly List<uint> _accents = [];
        private readonly int[] _lengths = new int[LexicalFields.Count];
        private int[] _rankOfSlot = [];

        /// <param name="accents">Each term's <see cref="AccentMarks"/>, as <see cref="MatchText.Terms(string?, TermStatistics?, List{uint}?)"/> gives them.</param>
        public void Add(LexicalField field, List<string> terms, List<uint> accents)
        {
            for (var t = 0; t < terms.Count; t++)
            {
                ref var slot = ref CollectionsMarshal.GetValueRefOrAddDefault(_slots, terms[t], out var seen);
                if (!seen)
                {
                    slot = _counts.Count;
                    for (var i = 0; i < LexicalFields.Count; i++)
                    {
                        _counts.Add(0);
                    }

                    _accents.Add(0);
                }

                CollectionsMarshal.AsSpan(_counts)[slot + (int)field]++;
                CollectionsMarshal.AsSpan(_accents)[slot / LexicalFields.Count] |= accents[t];
            }

            _lengths[(int)field] += terms.Count;
        }

        /// <summary>
        /// After <see cref="Build"/>: where a term added before sits in the built profile's ordinal order, so vectors over
        /// the profile's terms sort numbers instead of strings.
        /// </summary>
        public int Rank(string term) => _rankOfSlot[_slots[term] / LexicalFields.Count];

        public ProfileTerms Build()
        {
            var terms = new string[_slots.Count];
            var slots = new int[_slots.Count];
            var next = 0;
            foreach (var (term, slot) in _slots)
            {
                terms[next] = term;
                slots[next++] = slot;
            }

            Array.Sort(terms, slots, StringComparer.Ordinal);
            var counts = new ushort[terms.Length * LexicalFields.Count];
            var gathered = CollectionsMarshal.AsSpan(_counts);
            var markedRanks = new List<int>();
            var marks = new List<uint>();
            _rankOfSlot = new int[terms.Length];
            for (var i = 0; i < terms.Length; i++)
            {
                var mark = _accents[slots[i] / LexicalFields.Count];
                if (!AccentMarks.AnySpelling(mark))
                {
                    markedRanks.Add(i);
                    marks.Add(mark);
                }

                for (var field = 0; field < LexicalFields.Count; field++)
                {
                    counts[i * LexicalFields.Count + field] = (ushort)Math.Min(gathered[slots[i] + field], ushort.MaxValue);
                }

                _rankOfSlot[slots[i] / LexicalFields.Count] = i;
            }

            return new ProfileTerms(terms, counts, (int[])_lengths.Clone(), markedRanks.Count == 0 ? null : markedRanks.ToArray(), marks.Count == 0 ? null : marks.ToArray());
        }
    }
}

/// <summary>
/// How a folded term was written, in 32 bits: one bit for "without diacritics" and, for each way it was written with
/// them, two of 31 bits picked by a hash of the written word. Folding lets "nguyen" find "Nguyễn", but it also makes
/// "nền" (land) find "nén" (compression) and "phở" find "quang phổ"; two written forms are the same word only if one of
/// them has no diacritics (whoever typed it may have left them out) or both have the same ones. A profile's mark is
/// every way it writes the term; a written form whose two bits happen to be among them (one time in 465 for a profile
/// that writes the term one other way, about one in 60 for three other ways) counts as the same word, as folding alone
/// always made it.
/// </summary>
public static class AccentMarks
{
    public const uint Unmarked = 1u << 31;

    /// <summary>The mark of one word: <paramref name="written"/> lower-cased and normalised, <paramref name="folded"/> the same word folded.</summary>
    public static uint Of(ReadOnlySpan<char> written, ReadOnlySpan<char> folded)
    {
        var hash = 2166136261u;
        var marked = false;
        for (var i = 0; i < written.Length; i++)
        {
            var c = char.ToLowerInvariant(written[i]);
            marked |= c != folded[i];
            hash = (hash ^ c) * 16777619u;
        }

        if (!marked)
        {
            return Unmarked;
        }

        var first = (int)(hash % 31);
        var second = (int)((hash / 31 % 30 + first + 1) % 31);
        return (1u << first) | (1u << second);
    }

    /// <summary>
    /// Whether a profile's mark for a term (every way it writes it) holds a need's way of writing it; 0 on either side
    /// means nothing is known. A need that writes a term several ways holds their bits together, and then any two of
    /// them found in the profile count.
    /// </summary>
    public static bool Compatible(uint profile, uint need) =>
        AnySpelling(need) || AnySpelling(profile) || BitCount(profile & need) >= 2;

    /// <summary>A mark that goes with any spelling: nothing known (0), or written without diacritics somewhere.</summary>
    public static bool AnySpelling(uint mark) => mark == 0 || (mark & Unmarked) != 0;

    private static int BitCount(uint value) => System.Numerics.BitOperations.PopCount(value);
}
