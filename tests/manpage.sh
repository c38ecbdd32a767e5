#!/usr/bin/env bash
# Keeps tapla(1) in step with --help: every command `tapla --help` lists
# has its entry in doc/tapla.1, and every option a command's --help shows
# is named in the man page.
set -euo pipefail
tapla=$1
man=$2
status=0
commands=$("$tapla" --help | awk '/^Commands:/{f=1;next} /^$/{f=0} f{print $1}')
[ -n "$commands" ] || { echo "no commands in tapla --help"; exit 1; }
for c in $commands; do
	if ! grep -Eq "^\.BR? $c( |$)" "$man"; then
		echo "doc/tapla.1 has no entry for the command \"$c\""
		status=1
	fi
	for opt in $("$tapla" "$c" --help | grep -oE -- '--[a-z][a-z-]+' | sort -u); do
		man_opt=${opt//-/\\\\-}
		if ! grep -q -- "$man_opt" "$man" && ! grep -q -- "$opt" "$man"; then
			echo "doc/tapla.1 does not name $opt of \"tapla $c\""
			status=1
		fi
	done
done
exit $status
