BeforeDiscovery {
    $psk = 'ConvertTo-SecureString p -AsPlainText -Force'
    $conn = "New-IpsecSiteConnection -VpnService svc -IkePolicy ike -IpsecPolicy ipsec -Psk ($psk)"
    $someId = '6f1b8a8e-0000-4000-8000-000000000001'
    # Each case: a command line with one bad input, the parameter it must name, and the rule it must state.
    # Fields that only a create sets are not parameters of Set at all: PowerShell itself refuses them.
    $clientRules = @(
        @{ Line = "$conn -PeerAddress 172.24.4.9 -PeerCidr 10.1.0.0/33"; Parameter = 'PeerCidr'; Rule = "*'10.1.0.0/33' is not a valid CIDR*" }
        @{ Line = "$conn -PeerAddress 172.24.4.9 -PeerCidr notacidr"; Parameter = 'PeerCidr'; Rule = "*'notacidr' is not a valid CIDR*" }
        @{ Line = "$conn -PeerAddress 172.24.4.9 -PeerCidr 10.1/16"; Parameter = 'PeerCidr'; Rule = '*not a valid CIDR*' }
        @{ Line = "$conn -PeerAddress 172.24.4.9 -PeerCidr 10.1.0.0/24, 2001:db8::/64"; Parameter = 'PeerCidr'; Rule = '*one IP version*' }
        @{ Line = "$conn -PeerAddress 172.24.4.9 -PeerCidr 10.1.0.0/24, 10.1.0.0/24"; Parameter = 'PeerCidr'; Rule = '*given twice*' }
        @{ Line = "$conn -PeerAddress 172.24.4.9 -PeerCidr 10.1.0.0/24 -Mtu 67"; Parameter = 'Mtu'; Rule = '*at least 68 for IPv4*' }
        @{ Line = "$conn -PeerAddress 2001:db8::9 -PeerCidr 2001:db8:1::/64 -Mtu 1279"; Parameter = 'Mtu'; Rule = '*at least 1280 for IPv6*' }
        @{ Line = "$conn -PeerAddress 172.24.4.9 -PeerCidr 10.1.0.0/24 -DpdInterval 50 -DpdTimeout 40"; Parameter = 'DpdTimeout'; Rule = '*must be greater than the interval*' }
        @{ Line = "$conn -PeerAddress 172.24.4.9 -PeerCidr 10.1.0.0/24 -DpdTimeout 30"; Parameter = 'DpdTimeout'; Rule = '*(30 s) must be greater than the interval (30 s)*' }
        @{ Line = "$conn -PeerAddress 172.24.4.9 -PeerCidr 10.1.0.0/24 -DpdInterval -1"; Parameter = 'DpdInterval'; Rule = '*cannot be negative*' }
        @{ Line = "$conn -PeerAddress 'not an ip!' -PeerCidr 10.1.0.0/24"; Parameter = 'PeerAddress'; Rule = '*neither an IP address nor a host name*' }
        @{ Line = "$conn -PeerAddress 172.24.4.9 -PeerCidr 10.1.0.0/24 -Name ('n' * 256)"; Parameter = 'Name'; Rule = '*at most 255 characters*' }
        @{ Line = "$conn -PeerAddress 172.24.4.9 -PeerCidr 10.1.0.0/24 -Name ' padded'"; Parameter = 'Name'; Rule = '*must not start or end with blanks*' }
        @{ Line = "$conn -PeerAddress 172.24.4.9 -PeerCidr 10.1.0.0/24 -Name ""tab`there"""; Parameter = 'Name'; Rule = '*printable*' }
        @{ Line = "$conn -PeerAddress 172.24.4.9 -PeerCidr 10.1.0.0/24 -Description ('d' * 256)"; Parameter = 'Description'; Rule = '*at most 255 characters*' }
        @{ Line = "$conn -PeerAddress 172.24.4.9 -PeerCidr 10.1.0.0/24 -PeerId ('p' * 256)"; Parameter = 'PeerId'; Rule = '*at most 255 characters*' }
        @{ Line = "$conn -PeerAddress 172.24.4.9 -PeerCidr 10.1.0.0/24 -DpdAction bogus"; Parameter = 'DpdAction'; Rule = '*does not belong to the set*' }
        @{ Line = "$conn -PeerAddress 172.24.4.9 -PeerCidr 10.1.0.0/24 -Initiator sometimes"; Parameter = 'Initiator'; Rule = '*does not belong to the set*' }
        @{ Line = "New-IkePolicy -Name x -Lifetime 59"; Parameter = 'Lifetime'; Rule = '*at least 60 seconds*' }
        @{ Line = "New-IpsecPolicy -Name x -Lifetime 0"; Parameter = 'Lifetime'; Rule = '*at least 60 seconds*' }
        @{ Line = "New-VpnEndpointGroup -Name x -Type cidr -Endpoint @()"; Parameter = 'Endpoint'; Rule = '*at least one endpoint*' }
        @{ Line = "New-VpnEndpointGroup -Name x -Type cidr -Endpoint 10.0.0.0/33"; Parameter = 'Endpoint'; Rule = '*not a valid CIDR*' }
        @{ Line = "New-VpnEndpointGroup -Name x -Type cidr -Endpoint 10.0.0.0/24, 10.0.0.0/24"; Parameter = 'Endpoint'; Rule = '*given twice*' }
        @{ Line = "New-VpnEndpointGroup -Name x -Type subnet -Endpoint @()"; Parameter = 'Endpoint'; Rule = '*at least one endpoint*' }
        @{ Line = "New-VpnEndpointGroup -Name x -Type colour -Endpoint x"; Parameter = 'Type'; Rule = '*does not belong to the set*' }
        @{ Line = "Set-IpsecSiteConnection -Id $someId -VpnService other"; Parameter = 'VpnService'; Rule = '*A parameter cannot be found that matches parameter name*' }
        @{ Line = "Set-IpsecSiteConnection -Id $someId -IkePolicy other"; Parameter = 'IkePolicy'; Rule = '*A parameter cannot be found that matches parameter name*' }
        @{ Line = "Set-IpsecSiteConnection -Id $someId -PeerCidr @()"; Parameter = 'PeerCidr'; Rule = '*at least one peer CIDR*' }
        @{ Line = "Set-IpsecSiteConnection -Id $someId -Mtu 10"; Parameter = 'Mtu'; Rule = '*at least 68*' }
        @{ Line = "Set-IpsecSiteConnection -Id $someId"; Parameter = 'Name'; Rule = 'Nothing to change*' }
        @{ Line = "Set-VpnService -Id $someId -Router router1"; Parameter = 'Router'; Rule = '*A parameter cannot be found that matches parameter name*' }
        @{ Line = "Set-VpnEndpointGroup -Id $someId -Endpoint 10.0.0.0/24"; Parameter = 'Endpoint'; Rule = '*A parameter cannot be found that matches parameter name*' }
        @{ Line = "Set-IkePolicy -Id $someId -Lifetime 10"; Parameter = 'Lifetime'; Rule = '*at least 60 seconds*' }
        @{ Line = "Get-IpsecSiteConnection -Filter @{ colour = 'red' }"; Parameter = 'Filter'; Rule = "*'colour' is not a filter*" }
        @{ Line = "Get-VpnEndpointGroup -Sort name"; Parameter = 'Sort'; Rule = '*cannot be sorted by the server*' }
        @{ Line = "Get-IkePolicy -Sort name:sideways"; Parameter = 'Sort'; Rule = '*not of the form key*' }
        @{ Line = "Get-IpsecPolicy -Property colour"; Parameter = 'Property'; Rule = "*'colour' is not a field*" }
        @{ Line = "Get-VpnService -PageSize 0"; Parameter = 'PageSize'; Rule = '*less than the minimum allowed range of 1*' }
        @{ Line = "Wait-IpsecSiteConnection -Id $someId -PollIntervalSec 0"; Parameter = 'PollIntervalSec'; Rule = '*less than the minimum allowed range of 1*' }
        @{ Line = "New-IkePolicy -Name x -Pfs group99"; Parameter = 'Pfs'; Rule = '*does not belong to the set*group14*' }
        @{ Line = "New-IkePolicy -Name x -EncryptionAlgorithm aes-512"; Parameter = 'EncryptionAlgorithm'; Rule = '*does not belong to the set*aes-256*' }
        @{ Line = "New-IkePolicy -Name x -AuthAlgorithm md5"; Parameter = 'AuthAlgorithm'; Rule = '*does not belong to the set*sha256*' }
        @{ Line = "New-IkePolicy -Name x -IkeVersion v3"; Parameter = 'IkeVersion'; Rule = '*does not belong to the set*v2*' }
        @{ Line = "New-IkePolicy -Name x -Phase1NegotiationMode quick"; Parameter = 'Phase1NegotiationMode'; Rule = '*does not belong to the set*main*' }
        @{ Line = "New-IpsecPolicy -Name x -TransformProtocol gre"; Parameter = 'TransformProtocol'; Rule = '*does not belong to the set*esp*' }
        @{ Line = "New-IpsecPolicy -Name x -EncapsulationMode bridge"; Parameter = 'EncapsulationMode'; Rule = '*does not belong to the set*tunnel*' }
        @{ Line = "Set-IpsecPolicy -Id $someId -Pfs group99"; Parameter = 'Pfs'; Rule = '*does not belong to the set*group14*' }
        @{ Line = "$conn -PeerAddress 999.1.1.1 -PeerCidr 10.1.0.0/24"; Parameter = 'PeerAddress'; Rule = "*'999.1.1.1' is not an IPv4 address*" }
        @{ Line = "$conn -PeerAddress 10.1.1 -PeerCidr 10.1.0.0/24"; Parameter = 'PeerAddress'; Rule = "*'10.1.1' is not an IPv4 address*" }
    )
}

BeforeAll {
    . (Join-Path $PSScriptRoot 'TestHelpers.ps1')
}

Describe 'Bad input is refused before any request, naming the parameter and the rule' {
    BeforeAll {
        $session = Connect-Probe
    }

    AfterAll {
        Remove-Probe
    }

    # Tagged BadInput: the reliability table's row counts these tests' own outcomes against the catalogue.
    It '<Line>' -ForEach $clientRules -Tag BadInput {
        $sent = Get-ServerRequest ([scriptblock]::Create("Get-ErrorRecord { $Line }"))
        $record = $script:ServerRequestOutput
        $sent | Should -BeNullOrEmpty -Because 'the rule is known before any request, so the server received none'
        $record | Should -Not -BeNullOrEmpty
        "$record" | Should -BeLike $Rule
        "$record" | Should -BeLike "*$Parameter*"
    }
}

Describe 'Values with a fixed set: spelled as Neutron spells them, and a server''s refusal retold with the parameter' {
    BeforeAll {
        $session = Connect-Probe
        $prefix = New-TestName 'values'
    }

    AfterAll {
        Remove-TestObject $prefix
        Remove-Probe
    }

    It 'takes -EncryptionAlgorithm AES-256 as aes-256 (case ignored, as ValidateSet does): Neutron''s spelling' {
        $policy = New-IkePolicy -Name "$prefix-ike" -EncryptionAlgorithm AES-256
        $policy.EncryptionAlgorithm | Should -BeExactly 'aes-256'
    }

    It 'still sends a peer address that is a host name (Neutron resolves it)' {
        $psk = ConvertTo-SecureString p -AsPlainText -Force
        $record = Get-ErrorRecord {
            New-IpsecSiteConnection -VpnService nothing-named-so -IkePolicy x -IpsecPolicy y `
                -PeerAddress peer-1.example.test -PeerCidr 10.1.0.0/24 -Psk $psk
        }
        "$record" | Should -Not -Match 'PeerAddress'
        "$record" | Should -Match 'nothing-named-so'
    }

    It 'retells "Invalid input for pfs" as -Pfs, keeping the server''s words' {
        # The embedded cloud's Neutron is of a release without DH groups 15-31: the client lets group15 through (a newer
        # cloud takes it), its server refuses it. A cloud of its own: the lab's Zed release takes group15.
        $own = Connect-OpenStack -Embedded
        $null = Connect-Probe   # the default session again, for the clean-up
        $record = Get-ErrorRecord { New-IkePolicy -Session $own -Name "$prefix-old" -Pfs group15 }
        $record.Exception.Message | Should -BeLike '-Pfs: Invalid input for pfs.*group15*'
        $record.Exception.ParameterName | Should -Be 'Pfs'
        $record.Exception.StatusCode | Should -Be 'BadRequest'
        $policy = New-IkePolicy -Session $own -Name "$prefix-own"
        $record = Get-ErrorRecord { Set-IkePolicy -Session $own $policy.Id -Pfs group16 }
        $record.Exception.Message | Should -BeLike '-Pfs: Invalid input for pfs.*'
    }

    It 'completes the values of a fixed set, which it now also checks' {
        $line = 'New-IkePolicy -Pfs group1'
        $completion = TabExpansion2 $line $line.Length
        $completion.CompletionMatches.CompletionText | Should -Contain 'group14'
        $line = 'New-IpsecPolicy -EncapsulationMode t'
        $completion = TabExpansion2 $line $line.Length
        $completion.CompletionMatches.CompletionText | Should -Be @('tunnel', 'transport')
    }
}
