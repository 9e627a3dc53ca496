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

    private ProfileTerms(string[] terms, ushort[] counts, int[] lengths)
    {
        _terms = terms;
        _counts = counts;
        _lengths = lengths;
    }

    /// <summary>Where <paramref name="term"/> is, for <see cref="Count"/>; negative when the profile never uses it.</summary>
    public int Find(string term) => Array.BinarySearch(_terms, term, StringComparer.Ordinal);

    public bool Contains(string term) => Find(term) >= 0;

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
        private readonly int[] _lengths = new int[LexicalFields.Count];
        private int[] _rankOfSlot = [];

        public void Add(LexicalField field, List<string> terms)
        {
            foreach (var term in terms)
            {
                ref var slot = ref CollectionsMarshal.GetValueRefOrAddDefault(_slots, term, out var seen);
                if (!seen)
                {
                    slot = _counts.Count;
                    for (var i = 0; i < LexicalFields.Count; i++)
                    {
                        _counts.Add(0);
                    }
                }

                CollectionsMarshal.AsSpan(_counts)[slot + (int)field]++;
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
            _rankOfSlot = new int[terms.Length];
            for (var i = 0; i < terms.Length; i++)
            {
                for (var field = 0; field < LexicalFields.Count; field++)
                {
                    counts[i * LexicalFields.Count + field] = (ushort)Math.Min(gathered[slots[i] + field], ushort.MaxValue);
                }

                _rankOfSlot[slots[i] / LexicalFields.Count] = i;
            }

            return new ProfileTerms(terms, counts, (int[])_lengths.Clone());
        }
    }
}
