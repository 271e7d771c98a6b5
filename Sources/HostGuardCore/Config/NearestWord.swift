/// The known word nearest to a mistyped one, for "did you mean …?" hints.
///
/// Distance is Damerau-Levenshtein in its restricted form (optimal string alignment: an
/// insertion, deletion, substitution or swap of two neighbours costs 1), case-insensitive, so
/// `enviroment`, `environmnet` and `Environment` all find `environment`. A word counts only
/// within 1 edit for short words and 2 for longer ones (a third of its length, at most 3), and
/// the nearest wins (ties: the first in `candidates` sorted, so the hint is stable).
public enum NearestWord {
    public static func nearest(to word: String, in candidates: [String]) -> String? {
        let typed = Array(word.lowercased())
        let limit = min(3, max(1, typed.count / 3))
        var best: (word: String, distance: Int)?
        for candidate in Set(candidates).sorted() where candidate != word {
            let distance = self.distance(typed, Array(candidate.lowercased()))
            guard distance <= limit else { continue }
            if best == nil || distance < best!.distance { best = (candidate, distance) }
        }
        return best?.word
    }

    static func distance(_ a: [Character], _ b: [Character]) -> Int {
        if a.isEmpty { return b.count }
        if b.isEmpty { return a.count }
        var rows = [[Int]](repeating: [Int](repeating: 0, count: b.count + 1), count: a.count + 1)
        for i in 0...a.count { rows[i][0] = i }
        for j in 0...b.count { rows[0][j] = j }
        for i in 1...a.count {
            for j in 1...b.count {
                let cost = a[i - 1] == b[j - 1] ? 0 : 1
                rows[i][j] = min(rows[i - 1][j] + 1, rows[i][j - 1] + 1, rows[i - 1][j - 1] + cost)
                if i > 1, j > 1, a[i - 1] == b[j - 2], a[i - 2] == b[j - 1] {
                    rows[i][j] = min(rows[i][j], rows[i - 2][j - 2] + 1)
                }
            }
        }
        return rows[a.count][b.count]
    }
}
