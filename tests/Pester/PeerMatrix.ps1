# Dot-sourced by PeerParsers.Tests.ps1: the matrix of every value neutron-vpnaas master accepts, its exports, the
# cloud's own words for the same values, and the real parsers (tests/lab/tunnel/peer-parsers.sh).
$script:PeerParsers = Join-Path $PSScriptRoot '../lab/tunnel/peer-parsers.sh'

# neutron-lib master's VPN_SUPPORTED_* lists and vpn-aes-ctr's additions, written out here (not taken from the module).
$script:MatrixEncryption = @('3des', 'aes-128', 'aes-192', 'aes-256', 'aes-128-ctr', 'aes-192-ctr', 'aes-256-ctr') +
    @(foreach ($m in 'ccm', 'gcm') { foreach ($i in 8, 12, 16) { foreach ($b in 128, 192, 256) { "aes-$b-$m-$i" } } })
$script:MatrixAuth = @('sha1', 'sha256', 'sha384', 'sha512', 'aes-xcbc', 'aes-cmac')
$script:MatrixGroups = @(2, 5) + (14..31) | ForEach-Object { "group$_" }

# neutron-vpnaas's strongSwan driver's words for the groups (its DIALECT_MAP); ciphers and hashes lose their dashes.
$script:CloudGroupWords = @{
    group2 = 'modp1024'; group5 = 'modp1536'; group14 = 'modp2048'; group15 = 'modp3072'; group16 = 'modp4096'
    group17 = 'modp6144'; group18 = 'modp8192'; group19 = 'ecp256'; group20 = 'ecp384'; group21 = 'ecp521'
    group22 = 'modp1024s160'; group23 = 'modp2048s224'; group24 = 'modp2048s256'; group25 = 'ecp192'; group26 = 'ecp224'
    group27 = 'ecp224bp'; group28 = 'ecp256bp'; group29 = 'ecp384bp'; group30 = 'ecp512bp'; group31 = 'curve25519'
}

function Get-PeerParserSkipReason {
    # Why the real parsers cannot run, or $null; when they can, Libreswan is extracted first (cached).
    if (-not [System.Runtime.InteropServices.RuntimeInformation]::IsOSPlatform([System.Runtime.InteropServices.OSPlatform]::Linux)) {
        return 'the parsers need Linux network namespaces'
    }
    if ((& id -u) -ne '0') { return 'the parsers run in network namespaces, which need root' }
    $null = & bash $script:PeerParsers install 2>&1
    $why = & bash $script:PeerParsers check 2>&1
    if ($LASTEXITCODE -ne 0) { return "peer-parsers.sh check: $why" }
    $null
}

function New-PeerMatrixCase {
    param($Session, $Service, [string] $Name, [hashtable] $Ike, [hashtable] $Ipsec, [hashtable] $Connection, [string] $Policy, [string] $Value)
    $ikeValues = @{ EncryptionAlgorithm = 'aes-256'; AuthAlgorithm = 'sha256'; Pfs = 'group14'; IkeVersion = 'v2' }
    $ipsecValues = @{ EncryptionAlgorithm = 'aes-128'; AuthAlgorithm = 'sha256'; Pfs = 'group14' }
    foreach ($k in $Ike.Keys) { $ikeValues[$k] = $Ike[$k] }
    foreach ($k in $Ipsec.Keys) { $ipsecValues[$k] = $Ipsec[$k] }
    $ikePolicy = New-IkePolicy -Name $Name @ikeValues -Session $Session
    $ipsecPolicy = New-IpsecPolicy -Name $Name @ipsecValues -Session $Session
    $psk = ConvertTo-SecureString "psk-$Name" -AsPlainText -Force
    $extra = @{}
    if ($Connection) { $extra = $Connection }
    $c = New-IpsecSiteConnection -Name $Name -VpnService $Service -IkePolicy $ikePolicy -IpsecPolicy $ipsecPolicy -PeerAddress 198.51.100.20 `
        -PeerCidr 10.2.0.0/24 -Psk $psk -Session $Session @extra
    [pscustomobject]@{ Name = $Name; Id = $c.Id; Policy = $Policy; Value = $Value; Ike = $ikeValues; Ipsec = $ipsecValues; Connection = $c }
}

function New-PeerMatrix {
    # One connection per value and place: each encryption value in IKE (v1, v2) and ESP; each auth value in IKE (v1,
    # v2), ESP and AH; each group in IKE (v1, v2) and as PFS (v1, v2); and the other settings once each.
    param($Session)
    $service = (Get-VpnService -Session $Session | Where-Object { $_.ExternalV4Ip } | Select-Object -First 1).Id
    $n = 0
    foreach ($v in $script:MatrixEncryption) {
        foreach ($ver in 'v1', 'v2') { New-PeerMatrixCase $Session $service "m$((++$n))-ike$ver-$v" @{ EncryptionAlgorithm = $v; IkeVersion = $ver } @{} $null ike $v }
        New-PeerMatrixCase $Session $service "m$((++$n))-esp-$v" @{} @{ EncryptionAlgorithm = $v } $null ipsec $v
    }
    foreach ($v in $script:MatrixAuth) {
        foreach ($ver in 'v1', 'v2') { New-PeerMatrixCase $Session $service "m$((++$n))-ike$ver-$v" @{ AuthAlgorithm = $v; IkeVersion = $ver } @{} $null ike $v }
        New-PeerMatrixCase $Session $service "m$((++$n))-esp-$v" @{} @{ AuthAlgorithm = $v } $null ipsec $v
        New-PeerMatrixCase $Session $service "m$((++$n))-ahv1-$v" @{ IkeVersion = 'v1' } @{ AuthAlgorithm = $v; TransformProtocol = 'ah' } $null ipsec $v
    }
    foreach ($v in $script:MatrixGroups) {
        foreach ($ver in 'v1', 'v2') {
            New-PeerMatrixCase $Session $service "m$((++$n))-ike$ver-$v" @{ Pfs = $v; IkeVersion = $ver } @{} $null ike $v
            New-PeerMatrixCase $Session $service "m$((++$n))-pfs$ver-$v" @{ IkeVersion = $ver } @{ Pfs = $v } $null ipsec $v
        }
    }
    New-PeerMatrixCase $Session $service "m$((++$n))-aggressive" @{ IkeVersion = 'v1'; Phase1NegotiationMode = 'aggressive' } @{} $null ike aggressive
    New-PeerMatrixCase $Session $service "m$((++$n))-transport" @{} @{ EncapsulationMode = 'transport' } $null ipsec transport
    New-PeerMatrixCase $Session $service "m$((++$n))-lifetimes" @{ Lifetime = 86400 } @{ Lifetime = 1800 } $null ike 86400
    New-PeerMatrixCase $Session $service "m$((++$n))-response-only" @{} @{} @{ Initiator = 'response-only' } ike response-only
    # Every id form Neutron takes (its "@" rule: both ids get one when either is not an IP address).
    foreach ($id in 'peer.example.test', '@peer.example.test', 'branch@example.test', '@branch@example.test', '#0a0b0c0d', '2001:db8::20') {
        New-PeerMatrixCase $Session $service "m$((++$n))-id-$($id -replace '[^a-z0-9.]', '_')" @{} @{} @{ PeerId = $id } id $id
    }
    New-PeerMatrixCase $Session $service "m$((++$n))-id-local" @{} @{} @{ LocalId = 'cloud.example.test' } id cloud.example.test
}

function Export-PeerMatrix {
    # Every case in every format into ROOT/FORMAT/CASE, or the refusal's message.
    param($Cases, [string] $Root, $Session)
    foreach ($case in $Cases) {
        foreach ($format in 'Swanctl', 'IpsecConf', 'Libreswan') {
            $path = Join-Path $Root "$format/$($case.Name)"
            $record = Get-ErrorRecord { Export-IpsecPeerConfig -Id $case.Id -Format $format -Path $path -IncludeSecret -Session $Session }
            $written = $null
            if (-not $record) { $written = $path }
            $refusal = $null
            if ($record) { $refusal = $record.Exception.Message }
            [pscustomobject]@{ Case = $case.Name; CaseObject = $case; Format = $format; Path = $written; Refusal = $refusal; Value = $case.Value }
        }
    }
}

function Get-CloudWords {
    # A proposal as neutron-vpnaas's strongSwan template writes it: encryption-auth-pfs (AH: auth-pfs).
    param([hashtable] $Values, [switch] $Ah)
    $auth = $Values.AuthAlgorithm -replace '-', ''
    $group = $script:CloudGroupWords[$Values.Pfs]
    if ($Ah) { return "$auth-$group" }
    "$($Values.EncryptionAlgorithm -replace '-', '')-$auth-$group"
}

function Get-CloudPeerId {
    # The peer's id as neutron-vpnaas's base_ipsec.py writes it: "@" first when peer_id or a non-empty local_id is not
    # an IP address (netaddr), whatever it already starts with.
    param($Connection)
    $isIp = { param($t) $a = $null; $t -and [System.Net.IPAddress]::TryParse($t, [ref] $a) -and ($t -match ':' -or ($t -split '\.').Count -eq 4) }
    if (-not (& $isIp $Connection.PeerId) -or ($Connection.LocalId -and -not (& $isIp $Connection.LocalId))) { return "@$($Connection.PeerId)" }
    $Connection.PeerId
}

function Write-CloudTwin {
    # A swanctl.conf with one connection per case (cloud-ID) holding the cloud's proposals in the cloud's own words.
    param($Cases, [string] $Path)
    $text = [System.Text.StringBuilder]::new()
    $null = $text.Append("connections {`n")
    foreach ($case in $Cases) {
        $ah = $case.Ipsec.TransformProtocol -eq 'ah'
        $child = 'esp_proposals'
        if ($ah) { $child = 'ah_proposals' }
        $null = $text.Append("  cloud-$($case.Id) {`n    version = $($case.Ike.IkeVersion -replace 'v', '')`n")
        $null = $text.Append("    proposals = $(Get-CloudWords $case.Ike)`n")
        $null = $text.Append("    local {`n      auth = psk`n      id = `"$(Get-CloudPeerId $case.Connection)`"`n    }`n")
        $null = $text.Append("    children {`n      cloud-$($case.Id) {`n        $child = $(Get-CloudWords $case.Ipsec -Ah:$ah)`n      }`n    }`n  }`n")
    }
    $null = $text.Append("}`n")
    $null = New-Item -ItemType Directory -Path (Split-Path $Path) -Force
    Set-Content -Path $Path -Value $text.ToString() -NoNewline
    $Path
}

function Invoke-PeerParser {
    # peer-parsers.sh COMMAND WORK ARGS...; its NAME<TAB>WHAT<TAB>VALUE lines as objects.
    param([string] $Command, [string] $Work, [string[]] $Arguments)
    $lines = & bash $script:PeerParsers $Command $Work @Arguments 2>&1 | ForEach-Object { "$_" }
    foreach ($line in $lines) {
        $f = $line -split "`t", 3
        if ($f.Count -eq 3) { [pscustomobject]@{ Name = $f[0]; What = $f[1]; Value = $f[2] } }
    }
}

function Join-IpsecConfExport {
    # One ipsec.conf and one ipsec.secrets with every conn of the IpsecConf exports (names are unique per connection).
    param($Exports, [string] $To)
    $null = New-Item -ItemType Directory -Path $To -Force
    $dirs = @($Exports | Where-Object { $_.Format -eq 'IpsecConf' -and $_.Path } | ForEach-Object Path)
    Set-Content (Join-Path $To 'ipsec.conf') (@($dirs | ForEach-Object { Get-Content (Join-Path $_ 'ipsec.conf') -Raw }) -join "`n")
    Set-Content (Join-Path $To 'ipsec.secrets') (@($dirs | ForEach-Object { Get-Content (Join-Path $_ 'ipsec.secrets') -Raw }) -join "`n")
    & chmod 600 (Join-Path $To 'ipsec.secrets')
}

function ConvertTo-AlgparseForm {
    # What charon printed (IKE:AES_CBC_256/HMAC_SHA2_256_128/PRF_HMAC_SHA2_256/MODP_2048) as algparse prints the same
    # transforms (AES_CBC_256-HMAC_SHA2_256-MODP2048): IKE shows the PRF only, ESP shows NONE for a combined mode.
    param([string] $Charon)
    if (-not $Charon) { return $null }
    $protocol, $rest = $Charon -split ':', 2
    $groups = @{ ECP_256 = 'DH19'; ECP_384 = 'DH20'; ECP_521 = 'DH21'; CURVE_25519 = 'DH31' }
    $out = foreach ($t in $rest -split '/') {
        if ($t -eq 'NO_EXT_SEQ') { continue }
        if ($protocol -eq 'IKE' -and $t -match '^(HMAC_SHA\S+_\d+|AES_XCBC_96|AES_CMAC_96)$') { continue }
        if ($groups.ContainsKey($t)) { $groups[$t]; continue }
        if ($t -match '^MODP_(\d+)$') { "MODP$($Matches[1])"; continue }
        if ($t -match '^PRF_AES128_(XCBC|CMAC)$') { "AES_$($Matches[1])"; continue }
        $t -replace '^PRF_', ''
    }
    $out = @($out)
    if ($protocol -eq 'ESP' -and $out[0] -match '_(GCM|CCM)_') { $out = @($out[0], 'NONE') + @($out | Select-Object -Skip 1) }
    $out -join '-'
}

function ConvertTo-LibreswanProbe {
    # A refused case's proposal in Libreswan's spelling, for algparse to judge.
    param($Case)
    $words = @{ sha256 = 'sha2_256'; sha384 = 'sha2_384'; sha512 = 'sha2_512'; 'aes-xcbc' = 'aes_xcbc'; 'aes-cmac' = 'aes_cmac' }
    $enc = {
        param($v)
        if ($v -match '^aes-(\d+)-ctr$') { return "aes_ctr$($Matches[1])" }
        if ($v -match '^aes-(\d+)-(ccm|gcm)-(\d+)$') { return "aes_$($Matches[2])_$(@{ '8' = 'a'; '12' = 'b'; '16' = 'c' }[$Matches[3]])$($Matches[1])" }
        $v -replace '-', ''
    }
    $auth = { param($v) if ($words.ContainsKey($v)) { $words[$v] } else { $v } }
    $version = '-v2'
    if ($Case.Ike.IkeVersion -eq 'v1') { $version = '-v1' }
    $group = { param($v) if ($v -eq 'group2') { 'modp1024' } else { 'dh' + ($v -replace 'group', '') } }
    if ($Case.Policy -eq 'ike') {
        $line = "ike=$(& $enc $Case.Ike.EncryptionAlgorithm)-$(& $auth $Case.Ike.AuthAlgorithm);$(& $group $Case.Ike.Pfs)"
    } elseif ($Case.Ipsec.TransformProtocol -eq 'ah') {
        $line = "ah=$(& $auth $Case.Ipsec.AuthAlgorithm);$(& $group $Case.Ipsec.Pfs)"
    } elseif ($Case.Ipsec.EncryptionAlgorithm -match 'ccm|gcm') {
        $line = "esp=$(& $enc $Case.Ipsec.EncryptionAlgorithm);$(& $group $Case.Ipsec.Pfs)"
    } else {
        $line = "esp=$(& $enc $Case.Ipsec.EncryptionAlgorithm)-$(& $auth $Case.Ipsec.AuthAlgorithm);$(& $group $Case.Ipsec.Pfs)"
    }
    [pscustomobject]@{ Version = $version; Line = $line }
}
