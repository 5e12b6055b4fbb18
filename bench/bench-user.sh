# Sourced by the benchmark scripts: a local user for the run, since a server outside the demo answers
# nobody without a login (docs/security.md, Identities).
#   bench_user <role> <healthgraph command...>   sets bench_setting (the healthgraph.security.users entry,
#                                                 for --setting) and bench_password
#   bench_token <base url>                        prints a token of that user (POST /auth/token)
bench_user() {
  local role="$1"; shift
  bench_password="bench-$(head -c 12 /dev/urandom | od -An -tx1 | tr -d ' \n')"
  bench_setting="healthgraph.security.users=$(printf '%s\n' "$bench_password" \
    | "$@" password-hash bench --role "$role" --stdin | tail -1 | sed 's/^ *healthgraph.security.users=//')"
}
bench_token() {
  curl -s -d grant_type=password -d username=bench -d "password=$bench_password" "$1/auth/token" \
    | python3 -c 'import json,sys; print(json.load(sys.stdin)["access_token"])'
}
