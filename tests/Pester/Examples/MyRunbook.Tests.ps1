# An example for users: Pester tests of your own runbook (examples/New-BranchVpn.ps1) on the embedded OpenStack,
# with no cloud at all. Copy it, point it at your script, and run it with tools/Invoke-RunbookTest.ps1 -Path <file>
# (which finds Pester and the module for you) or with Invoke-Pester.
BeforeAll {
    $modulePath = if ($env:OPENSTACKVPN_MODULE) { $env:OPENSTACKVPN_MODULE } else { 'OpenStackVpn' }
    Import-Module $modulePath
    $runbook = Join-Path $PSScriptRoot '../../../examples/New-BranchVpn.ps1'
    $psk = ConvertTo-SecureString 'branch-psk' -AsPlainText -Force
}

Describe 'New-BranchVpn.ps1' {
    BeforeEach {
        # A fresh, isolated cloud for every test; connections become ACTIVE at once.
        $session = Connect-OpenStack -Embedded -ActivationDelaySec 0
    }

    It 'builds the branch VPN and waits for it to be ACTIVE' {
        $connection = & $runbook -Name branch9 -PeerAddress 198.51.100.9 -PeerCidr 10.9.0.0/24 -Psk $psk
        $connection.Status | Should -Be 'ACTIVE'
        $connection.PeerCidrs | Should -Be @('10.9.0.0/24')
    }

    It 'changes nothing when run a second time' {
        $null = & $runbook -Name branch9 -PeerAddress 198.51.100.9 -PeerCidr 10.9.0.0/24 -Psk $psk
        $null = Get-EmbeddedOpenStackRequest -Clear
        $null = & $runbook -Name branch9 -PeerAddress 198.51.100.9 -PeerCidr 10.9.0.0/24 -Psk $psk
        Get-EmbeddedOpenStackRequest | Where-Object Method -ne 'GET' | Should -BeNullOrEmpty
        @(Get-IpsecSiteConnection -Name branch9).Count | Should -Be 1
    }

    It 'survives a server that is briefly unavailable (reads are retried)' {
        Add-EmbeddedOpenStackFault -StatusCode 503 -Method GET -Count 2
        (& $runbook -Name branch9 -PeerAddress 198.51.100.9 -PeerCidr 10.9.0.0/24 -Psk $psk).Status | Should -Be 'ACTIVE'
    }

    It 'stops with Neutron''s own error when the cloud refuses the connection' {
        Add-EmbeddedOpenStackFault -StatusCode 409 -Method POST -PathContains ipsec-site-connections -ErrorType 'IPsecSiteConnectionQuotaExceeded' -Message 'Quota exceeded for resources: ipsec_site_connection.'
        { & $runbook -Name branch9 -PeerAddress 198.51.100.9 -PeerCidr 10.9.0.0/24 -Psk $psk } | Should -Throw '*Quota exceeded*'
        Get-IpsecSiteConnection -Name branch9 -ErrorAction SilentlyContinue | Should -BeNullOrEmpty
    }

    It 'reports a connection that never comes up' {
        Connect-OpenStack -Embedded -ActivationDelaySec -1 | Out-Null   # a cloud whose VPN agent never reports
        { & $runbook -Name branch9 -PeerAddress 198.51.100.9 -PeerCidr 10.9.0.0/24 -Psk $psk -WaitTimeoutSec 2 } | Should -Throw '*still PENDING_CREATE after 2 s*'
    }
}
