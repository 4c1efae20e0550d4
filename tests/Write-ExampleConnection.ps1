<#
.SYNOPSIS
    Writes example-connection.json into a backend's state folder: the openstack CLI's show of the seed connection.
.DESCRIPTION
    The lab writes it with the CLI. For the embedded backend the CLI is used too (it then talks to the served embedded
    cloud, which is itself a check of fidelity). Without the CLI (or when it fails) no file is written, only
    example-connection.missing.txt with the reason: an answer built from the same server's API would compare the API
    with itself. The test that reads it then skips, saying why (fails under CI=true, where tests/lab/start.sh installs
    python3-openstackclient). OPENSTACKVPN_CLI names another CLI executable (a test of that skip).
#>
param([Parameter(Mandatory)] [string] $State)

$seed = Get-Content (Join-Path $State 'seed.json') -Raw | ConvertFrom-Json
$target = Join-Path $State 'example-connection.json'
$missing = Join-Path $State 'example-connection.missing.txt'
Remove-Item $target, $missing -ErrorAction Ignore
$path = if ($env:OPENSTACKVPN_CLI) { $env:OPENSTACKVPN_CLI } else { '/usr/bin/openstack' }
if (-not (Get-Command $path -ErrorAction Ignore)) {
    Set-Content $missing "the openstack CLI ($path) is not installed (python3-openstackclient)"
    return
}
$json = & bash -c "OS_CLIENT_CONFIG_FILE='$State/clouds.yaml' PATH=/usr/sbin:/usr/bin:/sbin:/bin '$path' --os-cloud lab-admin vpn ipsec site connection show -f json $($seed.connection_id)" 2>$null
if ($LASTEXITCODE -eq 0) { Set-Content $target $json }
else { Set-Content $missing "the openstack CLI's show failed (exit code $LASTEXITCODE)" }
