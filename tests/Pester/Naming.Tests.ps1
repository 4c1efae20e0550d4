BeforeAll {
    . (Join-Path $PSScriptRoot 'TestHelpers.ps1')
}

# One way to name an existing object in every cmdlet, as Get names it: the object (pipeline), its id (-Id, or by
# property name), or positionally / -Name its exact name or its id. What reaches the server is read from its own log.
Describe 'Naming an existing object: by name, id or object, in every cmdlet' {
    BeforeAll {
        $seed = Get-LabSeed
        $session = Connect-Probe
        $prefix = New-TestName 'naming'
        $twin = "$prefix-twin"
        $twins = @(New-IkePolicy -Name $twin; New-IkePolicy -Name $twin)
        $ike = New-IkePolicy -Name "$prefix-ike"
        $ipsec = New-IpsecPolicy -Name "$prefix-ipsec"
        $free = New-IpsecPolicy -Name "$prefix-free"   # no connection uses it: Neutron refuses changes to one in use
        $service = New-VpnService -Name "$prefix-vpn" -Router $seed.router_id -Subnet $seed.private_subnet_id
        $psk = ConvertTo-SecureString 'naming-psk-1234' -AsPlainText -Force
        $connection = New-IpsecSiteConnection -Name "$prefix-c1" -VpnService $service -IkePolicy $ike `
            -IpsecPolicy $ipsec -PeerAddress 172.24.4.241 -PeerCidr 10.91.0.0/24 -Psk $psk
    }

    AfterAll {
        Remove-TestObject $prefix
        Remove-Probe
    }

    It 'Remove refuses a name that two objects share, listing both ids, and sends no DELETE' {
        $sent = Get-ServerRequest { Remove-IkePolicy $twin -Force }
        "$script:ServerRequestError" | Should -Match ([regex]::Escape($twins[0].Id))
        "$script:ServerRequestError" | Should -Match ([regex]::Escape($twins[1].Id))
        @($sent | Where-Object Method -eq 'DELETE') | Should -HaveCount 0
        @(Get-IkePolicy -Name $twin) | Should -HaveCount 2
    }

    It 'Remove never sends a name as an id: -Id twin is refused before any request' {
        $sent = Get-ServerRequest { Remove-IkePolicy -Id $twin -Force }
        $script:ServerRequestError.Exception.Message | Should -Match "^-Id: '$twin' is not an id"
        @($sent) | Should -HaveCount 0
    }

    It 'Remove takes a unique name positionally: the DELETE goes to its id, never to the name' {
        $lone = New-IkePolicy -Name "$prefix-lone"
        $sent = Get-ServerRequest { Remove-IkePolicy "$prefix-lone" -Force }
        $script:ServerRequestError | Should -BeNullOrEmpty
        @($sent | Where-Object Method -eq 'DELETE').Path | Should -Be @("/v2.0/vpn/ikepolicies/$($lone.Id)")
        @($sent | Where-Object { $_.Path -like "*$prefix-lone*" }) | Should -HaveCount 0
    }

    It 'Set selects by a name positionally and renames with -NewName; -Name on Set means what it means on Get' {
        $policy = New-IkePolicy -Name "$prefix-old"
        $renamed = Set-IkePolicy "$prefix-old" -NewName "$prefix-new" -PassThru
        $renamed.Id | Should -Be $policy.Id
        $renamed.Name | Should -Be "$prefix-new"
        (Set-IkePolicy -Name "$prefix-new" -Description 'by -Name' -PassThru).Description | Should -Be 'by -Name'
    }

    It 'Set refuses a shared name with the ids, and sends no PUT' {
        $sent = Get-ServerRequest { Set-IkePolicy $twin -Description 'which one?' }
        "$script:ServerRequestError" | Should -Match ([regex]::Escape($twins[1].Id))
        @($sent | Where-Object Method -eq 'PUT') | Should -HaveCount 0
    }

    It 'a positional value that is a UUID is the id' {
        (Set-IpsecPolicy $free.Id -Description 'by id' -PassThru).Description | Should -Be 'by id'
    }

    It 'binds by property name (Id) and by value (objects); piped objects sharing a name are each changed' {
        ([pscustomobject]@{ Id = $free.Id } | Set-IpsecPolicy -Description 'by Id property' -PassThru).Description |
            Should -Be 'by Id property'
        Get-IkePolicy -Name $twin | Set-IkePolicy -Description 'both' -ErrorAction Stop
        @(Get-IkePolicy -Name $twin | Where-Object Description -eq 'both') | Should -HaveCount 2
    }

    It 'Wait takes -Name, and a name positionally' {
        Set-TestStatus -Kind vpnservice -Id $service.Id -Status ACTIVE
        (Wait-VpnService -Name "$prefix-vpn" -TimeoutSec 5 -PollIntervalSec 1).Id | Should -Be $service.Id
        (Wait-VpnService "$prefix-vpn" -TimeoutSec 5 -PollIntervalSec 1).Id | Should -Be $service.Id
    }

    It 'Export-IpsecPeerConfig and Test-IpsecSiteConnection take the connection''s name positionally' {
        (Export-IpsecPeerConfig "$prefix-c1").Content | Should -Match '10\.91\.0\.0/24'
        @(Test-IpsecSiteConnection "$prefix-c1" | Where-Object Check -eq 'ConnectionStatus') | Should -HaveCount 1
    }

    It 'Export-IpsecPeerConfig refuses a name two connections share, with both ids' {
        $second = New-IpsecSiteConnection -Name "$prefix-c1" -VpnService $service -IkePolicy $ike -IpsecPolicy $ipsec `
            -PeerAddress 172.24.4.242 -PeerCidr 10.92.0.0/24 -Psk $psk
        $record = Get-ErrorRecord { Export-IpsecPeerConfig "$prefix-c1" }
        "$record" | Should -Match ([regex]::Escape($second.Id))
        "$record" | Should -Match ([regex]::Escape($connection.Id))
        Remove-IpsecSiteConnection -Id $second.Id -Force
    }

    It 'piped objects that share a name are all removed' {
        Get-IkePolicy -Name $twin | Where-Object Id -ne $twins[0].Id | Remove-IkePolicy -Force
        $sent = Get-ServerRequest { Get-IkePolicy -Name $twin | Remove-IkePolicy -Force -ErrorAction SilentlyContinue }
        @($sent | Where-Object Method -eq 'DELETE').Path | Should -Be @("/v2.0/vpn/ikepolicies/$($twins[0].Id)")
    }
}
