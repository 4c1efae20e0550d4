<#
.SYNOPSIS
    Writes example-connection.json into a backend's state folder: the openstack CLI's show of the seed connection.
.DESCRIPTION
    The lab writes it with the CLI. For the embedded backend the CLI is used too when it is installed (it then talks
    to the served embedded cloud, which is itself a check of fidelity); without it the same JSON is built from the
    API's answer with the CLI's column names.
#>
param([Parameter(Mandatory)] [string] $State)

$seed = Get-Content (Join-Path $State 'seed.json') -Raw | ConvertFrom-Json
$target = Join-Path $State 'example-connection.json'
$cli = Get-Command /usr/bin/openstack -ErrorAction Ignore
if ($cli) {
    $json = & bash -c "OS_CLIENT_CONFIG_FILE='$State/clouds.yaml' PATH=/usr/sbin:/usr/bin:/sbin:/bin openstack --os-cloud lab-admin vpn ipsec site connection show -f json $($seed.connection_id)" 2>$null
    if ($LASTEXITCODE -eq 0) {
        Set-Content $target $json
        return
    }
}

$token = Invoke-WebRequest -UseBasicParsing -Method Post -Uri "$($seed.auth_url)/auth/tokens" -ContentType 'application/json' -Body (@{ auth = @{
            identity = @{ methods = @('password'); password = @{ user = @{ name = 'admin'; domain = @{ name = 'Default' }; password = 'adminpass' } } }
            scope    = @{ project = @{ name = 'admin'; domain = @{ name = 'Default' } } } } } | ConvertTo-Json -Depth 10)
$c = (Invoke-RestMethod -Uri "$($seed.network_url)/v2.0/vpn/ipsec-site-connections/$($seed.connection_id)" -Headers @{ 'X-Auth-Token' = [string]$token.Headers['X-Subject-Token'] }).ipsec_site_connection
[ordered]@{
    'Authentication Algorithm' = $c.auth_mode; Description = $c.description; ID = $c.id; 'IKE Policy' = $c.ikepolicy_id
    'IPSec Policy' = $c.ipsecpolicy_id; Initiator = $c.initiator; 'Local Endpoint Group ID' = $c.local_ep_group_id; 'Local ID' = $c.local_id
    MTU = $c.mtu; Name = $c.name; 'Peer Address' = $c.peer_address; 'Peer CIDRs' = $c.peer_cidrs; 'Peer Endpoint Group ID' = $c.peer_ep_group_id
    'Peer ID' = $c.peer_id; 'Pre-shared Key' = $c.psk; Project = $c.tenant_id; 'Route Mode' = $c.route_mode; State = $c.admin_state_up
    Status = $c.status; 'VPN Service' = $c.vpnservice_id; dpd = $c.dpd; project_id = $c.project_id
} | ConvertTo-Json -Depth 5 | Set-Content $target
