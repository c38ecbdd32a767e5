# table.awk: the "bench:" lines of a run as the README's Markdown table.
#   meson test -C build-release --benchmark -v | awk -f bench/table.awk
/^bench: / && !/SKIPPED/ {
	name = $2; value = $3 " " $4
	budget = $0; sub(/^[^(]*\(budget /, "", budget); sub(/\).*$/, "", budget)
	if (budget ~ / = /) { sub(/^.* = /, "", budget) }
	sub(/, or /, " or ", budget); sub(/ the baseline's growth/, " its baseline's", budget)
	budget = "≤ " budget
	base = "–"; ratio = "–"
	if (match($0, /baseline [^ ]+ [^ ]+ ratio [^ ]+/)) {
		split(substr($0, RSTART, RLENGTH), f, " ")
		base = f[2] " " f[3]; ratio = f[5]
	}
	verdict = ($0 ~ / MISSED/) ? "**MISSED**" : "ok"
	printf "| %s | %s | %s | %s | %s | %s |\n", name, value, base, ratio, budget, verdict
}
