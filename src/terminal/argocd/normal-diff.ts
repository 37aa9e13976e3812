// The line diff `argocd app diff` prints (the CLI runs diff(1)), over the lines' longest common subsequence.

/** diff(1)'s default ("normal") output: `2c2`, `< old`, `---`, `> new`. */
export function normalDiff(a: string[], b: string[]): string[] {
  const n = a.length
  const m = b.length
  const lcs: number[][] = Array.from({ length: n + 1 }, () => new Array<number>(m + 1).fill(0))
  for (let i = n - 1; i >= 0; i--) {
    for (let j = m - 1; j >= 0; j--) {
      lcs[i]![j] = a[i] === b[j] ? lcs[i + 1]![j + 1]! + 1 : Math.max(lcs[i + 1]![j]!, lcs[i]![j + 1]!)
    }
  }
  const outLines: string[] = []
  let i = 0
  let j = 0
  const range = (s: number, e: number) => (e - s <= 1 ? String(s + 1 > e ? s : e) : `${s + 1},${e}`)
  while (i < n || j < m) {
    if (i < n && j < m && a[i] === b[j]) {
      i++
      j++
      continue
    }
    const si = i
    const sj = j
    while ((i < n || j < m) && !(i < n && j < m && a[i] === b[j])) {
      if (j < m && (i >= n || lcs[i]![j + 1]! >= lcs[i + 1]![j]!)) j++
      else i++
    }
    const del = a.slice(si, i)
    const add = b.slice(sj, j)
    if (del.length > 0 && add.length > 0) {
      outLines.push(`${range(si, i)}c${range(sj, j)}`, ...del.map(l => `< ${l}`), '---', ...add.map(l => `> ${l}`))
    } else if (del.length > 0) outLines.push(`${range(si, i)}d${sj}`, ...del.map(l => `< ${l}`))
    else outLines.push(`${si}a${range(sj, j)}`, ...add.map(l => `> ${l}`))
  }
  return outLines
}
